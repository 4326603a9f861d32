using System.Globalization;

namespace OptOutConsole.Core.BlockList;

/// <summary>The block list's CSV columns, shared by the export and the import so an export imports back unchanged.</summary>
public static class BlockListCsv
{
    public const string Number = "number";
    public const string Date = "date";
    public const string Source = "source";
    public const string Keyword = "keyword";
    public const string MessageSid = "message_sid";

    public static readonly IReadOnlyList<string> Header = [Number, Date, Source, Keyword, MessageSid];

    public const string ContentType = "text/csv";

    /// <summary>Dates are written as ISO 8601 UTC with milliseconds (<c>2024-03-05T10:00:00.000Z</c>).</summary>
    public static string FormatDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string FileName(string serviceSid, DateTimeOffset at) =>
        $"block-list-{serviceSid}-{at.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
}
