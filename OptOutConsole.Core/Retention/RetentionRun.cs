namespace OptOutConsole.Core.Retention;

/// <summary>What one retention run removed, and when it ran.</summary>
/// <param name="StartedAt">When it began.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Events">Tracking events older than <see cref="RetentionOptions.EventsDays"/>.</param>
/// <param name="DeliveredOutbox">Delivered forwards older than <see cref="RetentionOptions.DeliveredOutboxDays"/>.</param>
/// <param name="ReviewItems">Decided review items older than <see cref="RetentionOptions.ReviewItemsDays"/>.</param>
/// <param name="Audit">Audit entries older than <see cref="RetentionOptions.AuditDays"/>.</param>
public sealed record RetentionRun(DateTimeOffset StartedAt, TimeSpan Duration, long Events, long DeliveredOutbox, long ReviewItems, long Audit)
{
    public long Total => Events + DeliveredOutbox + ReviewItems + Audit;

    public string Describe() =>
        $"removed {Events:N0} tracking events, {DeliveredOutbox:N0} delivered forwards, {ReviewItems:N0} decided review items and {Audit:N0} audit entries in {Duration.TotalSeconds:0.0} s";
}
