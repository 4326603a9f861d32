namespace OptOutConsole.Core.Identity;

/// <summary>The three roles of DESIGN 6 and the policies built from them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Compliance = "Compliance";
    public const string Marketer = "Marketer";

    public static readonly IReadOnlyList<string> All = [Admin, Compliance, Marketer];

    /// <summary>Policy: Admin only (users, API keys).</summary>
    public const string AdminOnly = "AdminOnly";

    /// <summary>Policy: Admin or Compliance (edit services, block list, audit).</summary>
    public const string CanEdit = "CanEdit";

    /// <summary>Policy: any role (read configuration, simulator, preview, dashboard).</summary>
    public const string AnyRole = "AnyRole";
}
