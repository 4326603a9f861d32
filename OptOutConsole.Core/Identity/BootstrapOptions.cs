namespace OptOutConsole.Core.Identity;

/// <summary>The <c>Bootstrap</c> configuration section (DESIGN 5.3).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string? ApiKey { get; set; }
}
