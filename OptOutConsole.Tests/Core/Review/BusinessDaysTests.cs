using System.Globalization;
using OptOutConsole.Core.Review;

namespace OptOutConsole.Tests.Core.Review;

/// <summary>The 10 business days of the FCC's revocation rule: Monday to Friday in UTC, the time of day kept.</summary>
public sealed class BusinessDaysTests
{
    [Theory]
    [InlineData("2026-12-07T09:00:00Z", "2026-12-21T09:00:00Z")] // Monday: the Monday two weeks on
    [InlineData("2026-12-10T14:30:00Z", "2026-12-24T14:30:00Z")] // Thursday: across two weekends
    [InlineData("2026-12-11T23:59:59Z", "2026-12-25T23:59:59Z")] // Friday, a second before midnight
    [InlineData("2026-12-12T10:00:00Z", "2026-12-25T10:00:00Z")] // Saturday: counted from Monday, due on Friday
    [InlineData("2026-12-13T00:00:00Z", "2026-12-25T00:00:00Z")] // Sunday
    [InlineData("2027-02-25T12:00:00Z", "2027-03-11T12:00:00Z")] // across the end of a short February
    [InlineData("2028-02-28T12:00:00Z", "2028-03-13T12:00:00Z")] // Monday 28 February of a leap year
    public void DueAfter_TenBusinessDays_WeekendsLeftOut(string received, string expected)
    {
        var due = BusinessDays.DueAfter(Parse(received));

        Assert.Equal(Parse(expected), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Theory]
    [InlineData("2026-12-10T14:30:00Z", 1, "2026-12-11T14:30:00Z")] // Thursday + 1: Friday
    [InlineData("2026-12-11T14:30:00Z", 1, "2026-12-14T14:30:00Z")] // Friday + 1: Monday
    [InlineData("2026-12-12T14:30:00Z", 1, "2026-12-14T14:30:00Z")] // Saturday + 1: Monday
    [InlineData("2026-12-11T14:30:00Z", 5, "2026-12-18T14:30:00Z")] // Friday + 5: the next Friday
    [InlineData("2026-12-10T14:30:00Z", 0, "2026-12-10T14:30:00Z")]
    public void DueAfter_OtherCounts_CountsWeekdaysOnly(string received, int days, string expected)
    {
        Assert.Equal(Parse(expected), BusinessDays.DueAfter(Parse(received), days));
    }

    [Fact]
    public void DueAfter_TimeWithOffset_CountsUtcWeekdays()
    {
        // Friday 20:00 in New York is Saturday 01:00 UTC: the UTC day decides, so the count starts on Monday.
        var received = new DateTimeOffset(2026, 12, 11, 20, 0, 0, TimeSpan.FromHours(-5));

        var due = BusinessDays.DueAfter(received);

        Assert.Equal(new DateTimeOffset(2026, 12, 25, 1, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void DueAfter_EveryDayOfAWeek_FourteenCalendarDaysFromAWeekday()
    {
        var monday = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        var gaps = Enumerable.Range(0, 7).Select(d => (BusinessDays.DueAfter(monday.AddDays(d)) - monday.AddDays(d)).TotalDays).ToArray();

        Assert.Equal([14, 14, 14, 14, 14, 13, 12], gaps);
    }

    [Fact]
    public void DueAfter_NegativeDays_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessDays.DueAfter(DateTimeOffset.UnixEpoch, -1));
    }

    [Fact]
    public void RevocationDeadline_IsTen()
    {
        Assert.Equal(10, BusinessDays.RevocationDeadline);
    }

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
