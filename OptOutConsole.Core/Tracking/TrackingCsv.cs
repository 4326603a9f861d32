using System.Globalization;
using CsvHelper;

namespace OptOutConsole.Core.Tracking;

/// <summary>Writes tracking events as CSV while they are read, flushing as it goes, so a million rows never sit in memory.</summary>
public static class TrackingCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private const int FlushEvery = 2_000;

    public static readonly IReadOnlyList<string> Header = ["time", "serviceSid", "from", "country", "type", "keyword", "language", "answeredBy", "messageSid"];

    /// <summary>A file name for the export of <paramref name="filter"/>, e.g. <c>events-2026-11-01-2026-11-30.csv</c>.</summary>
    public static string FileName(DashboardFilter filter) =>
        string.Create(CultureInfo.InvariantCulture, $"events-{filter.From:yyyy-MM-dd}-{filter.To:yyyy-MM-dd}.csv");

    /// <param name="writer">Where the CSV goes (e.g. a response body).</param>
    /// <param name="events">The events, read lazily.</param>
    /// <param name="number">How a phone number is shown (masked for Marketers, see <see cref="PhoneMask"/>).</param>
    /// <param name="ct">Stops the export (the client went away).</param>
    /// <returns>How many rows were written.</returns>
    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<TrackingEvent> events, Func<string, string> number, CancellationToken ct)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in Header)
        {
            csv.WriteField(h);
        }

        await csv.NextRecordAsync();
        long rows = 0;
        await foreach (var e in events.WithCancellation(ct))
        {
            csv.WriteField(e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(e.ServiceSid);
            csv.WriteField(number(e.From));
            csv.WriteField(e.Country);
            csv.WriteField(e.Type);
            csv.WriteField(e.Keyword);
            csv.WriteField(e.Language ?? string.Empty);
            csv.WriteField(e.AnsweredBy);
            csv.WriteField(e.MessageSid ?? string.Empty);
            await csv.NextRecordAsync();
            if (++rows % FlushEvery == 0)
            {
                await csv.FlushAsync();
                await writer.FlushAsync(ct);
            }
        }

        await csv.FlushAsync();
        await writer.FlushAsync(ct);
        return rows;
    }
}
