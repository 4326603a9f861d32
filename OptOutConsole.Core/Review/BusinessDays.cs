namespace OptOutConsole.Core.Review;

/// <summary>
/// The FCC's 10 business days (Report and Order FCC 24-24): Monday to Friday in UTC, public holidays not left out, so
/// a due date is never later than the rule's (it can only come a holiday or two early, which errs toward the subscriber).
/// </summary>
public static class BusinessDays
{
    /// <summary>Days a revocation by reasonable means must be honoured within.</summary>
    public const int RevocationDeadline = 10;

    /// <summary>
    /// The moment <paramref name="days"/> business days after <paramref name="received"/>: the same time of day on
    /// the <paramref name="days"/>-th weekday after the day of receipt (a text received on a Saturday counts from Monday).
    /// </summary>
    public static DateTimeOffset DueAfter(DateTimeOffset received, int days = RevocationDeadline)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var utc = received.ToUniversalTime();
        var due = utc;
        var counted = 0;
        while (counted < days)
        {
            due = due.AddDays(1);
            if (due.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                counted++;
            }
        }

        return due;
    }
}
