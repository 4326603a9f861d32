namespace OptOutConsole.Core.Tracking;

/// <summary>
/// A number's latest campaign opt-in at a service, kept by the webhook's writer so a later STOP keyword can be counted
/// against the campaign and day that brought the number in (docs/decisions/dashboard-net-change.md).
/// </summary>
public sealed class OptInState
{
    public required string ServiceSid { get; set; }

    /// <summary>E.164.</summary>
    public required string Number { get; set; }

    /// <summary>The campaign keyword as configured (the classifier's matched keyword).</summary>
    public required string Keyword { get; set; }

    /// <summary>Days since 1970-01-01 (UTC) of the opt-in.</summary>
    public int Day { get; set; }

    /// <summary>ISO 3166-1 alpha-2 of the opt-in, or empty when unknown.</summary>
    public string Country { get; set; } = string.Empty;

    /// <summary>True once a STOP keyword ended this opt-in.</summary>
    public bool OptedOut { get; set; }
}
