namespace OptOutConsole.Core.Tracking;

/// <summary>
/// Campaign opt-ins per (service, day, keyword, country), kept in the same transaction as the events. Cohort
/// attribution: <see cref="OptedOutLater"/> is added to the row of the opt-in's day, whenever the STOP came.
/// </summary>
public sealed class ConversionCounter
{
    public required string ServiceSid { get; set; }

    /// <summary>Days since 1970-01-01 (UTC) of the opt-ins.</summary>
    public int Day { get; set; }

    public required string Keyword { get; set; }

    public string Country { get; set; } = string.Empty;

    /// <summary>Campaign opt-ins: a number counts again only after it opted out or switched campaign.</summary>
    public long OptIns { get; set; }

    /// <summary>Of those opt-ins, how many a STOP keyword later ended.</summary>
    public long OptedOutLater { get; set; }
}
