namespace OptOutConsole.Core.Tracking;

/// <summary>
/// What the dashboard shows: one service or all (<see cref="ServiceSid"/> null), whole UTC days from
/// <see cref="From"/> to <see cref="To"/> inclusive, optionally one event type and one country.
/// </summary>
public sealed record DashboardFilter(string? ServiceSid, DateOnly From, DateOnly To, string? Type = null, string? Country = null)
{
    /// <summary>The longest range the dashboard answers (a few years of counters).</summary>
    public const int MaxDays = 3 * 366;

    /// <summary>Ranges of at most this many days are charted per hour (from the events), longer ones per day (from the counters).</summary>
    public const int HourlyMaxDays = 2;

    /// <summary>The first day a filter may name: the day counters count from the Unix epoch.</summary>
    public static readonly DateOnly FirstDate = new(1970, 1, 1);

    /// <summary>The last day a filter may name: <see cref="End"/> is the midnight after it, which must still be a date.</summary>
    public static readonly DateOnly LastDate = DateOnly.MaxValue.AddDays(-1);

    public int FirstDay => From.DayNumber - Epoch;

    public int LastDay => To.DayNumber - Epoch;

    public int Days => LastDay - FirstDay + 1;

    public bool IsHourly => Days <= HourlyMaxDays;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The end, exclusive: midnight after <see cref="To"/>.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The period of the same length just before this one (for the "against the previous period" figures).</summary>
    public DashboardFilter Previous() => this with { From = From.AddDays(-Days), To = From.AddDays(-1) };

    /// <summary>The range a preset names, ending on <paramref name="today"/> (UTC); <see cref="DashboardPreset.Custom"/> keeps <paramref name="custom"/>.</summary>
    public static (DateOnly From, DateOnly To) RangeOf(DashboardPreset preset, DateOnly today, (DateOnly From, DateOnly To)? custom = null) => preset switch
    {
        DashboardPreset.Today => (today, today),
        DashboardPreset.Days7 => (today.AddDays(-6), today),
        DashboardPreset.Days30 => (today.AddDays(-29), today),
        DashboardPreset.Days90 => (today.AddDays(-89), today),
        _ => Normalize(custom ?? (today, today)),
    };

    /// <summary>Orders the two ends and caps the length at <see cref="MaxDays"/>.</summary>
    public static (DateOnly From, DateOnly To) Normalize((DateOnly From, DateOnly To) range)
    {
        var (from, to) = range.From <= range.To ? range : (range.To, range.From);
        return to.DayNumber - from.DayNumber >= MaxDays ? (to.AddDays(-(MaxDays - 1)), to) : (from, to);
    }

    private static readonly int Epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
}
