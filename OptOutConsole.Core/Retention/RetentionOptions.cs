using System.Globalization;
using Microsoft.Extensions.Configuration;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Retention;

/// <summary>
/// How long the console keeps what it stores (DESIGN 5.3, issue 13): <c>Retention:EventsDays</c> (tracking events,
/// default 1,461 days: four years, the TCPA's limitation period), <c>Retention:DeliveredOutboxDays</c> (forwarded
/// messages once delivered, default 7), <c>Retention:ReviewItemsDays</c> (decided review items, default 1,461) and
/// <c>Retention:AuditDays</c> (default: keep). 0 keeps forever. The block list, the proof of each opt-out it holds
/// (time, keyword, message SID), the daily counters and open review items are never removed by retention.
/// <c>Retention:RunEveryMinutes</c> (default 60) spaces the job's runs; 0 leaves them to "Run now" and
/// <c>POST /api/retention/run</c> (a scheduler of the operator's).
/// </summary>
public sealed record RetentionOptions(int EventsDays, int DeliveredOutboxDays, int ReviewItemsDays, int AuditDays, int RunEveryMinutes = RetentionOptions.DefaultRunEveryMinutes)
{
    public const int DefaultRunEveryMinutes = 60;

    public const string Section = "Retention";

    public const int DefaultEventsDays = 1461;
    public const int DefaultDeliveredOutboxDays = 7;
    public const int DefaultReviewItemsDays = 1461;

    /// <summary>Days are at most this (about 270 years): beyond it a cut-off date would not be a date.</summary>
    public const int MaxDays = 100_000;

    public static RetentionOptions Defaults { get; } = new(DefaultEventsDays, DefaultDeliveredOutboxDays, DefaultReviewItemsDays, 0);

    /// <summary>Reads the section; a value that is not a whole number of days from 0 stops start-up with a sentence naming the key.</summary>
    /// <exception cref="DatabaseStartupException">A value is not a number of days.</exception>
    public static RetentionOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new RetentionOptions(
            Days(section, nameof(EventsDays), DefaultEventsDays),
            Days(section, nameof(DeliveredOutboxDays), DefaultDeliveredOutboxDays),
            Days(section, nameof(ReviewItemsDays), DefaultReviewItemsDays),
            Days(section, nameof(AuditDays), 0),
            Days(section, nameof(RunEveryMinutes), DefaultRunEveryMinutes, "minutes"));
    }

    private static int Days(IConfigurationSection section, string key, int fallback, string unit = "days")
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > MaxDays)
        {
            throw new DatabaseStartupException(unit == "days"
                ? $"{Section}:{key} is '{text}': give a whole number of days from 0 to {MaxDays:N0} (0 keeps forever)."
                : $"{Section}:{key} is '{text}': give a whole number of minutes from 0 to {MaxDays:N0} (0: no runs of its own, only Run now and POST /api/retention/run).");
        }

        return days;
    }
}
