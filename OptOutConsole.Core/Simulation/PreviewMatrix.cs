using System.Globalization;
using CsvHelper;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Reference;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Simulation;

/// <summary>
/// The marketers' preview: countries (every override country, then the common ones) by category; each cell the reply
/// a subscriber there gets for the category's first global keyword, each language set's first keyword and the
/// country set's own first keyword, decided by the service's live classifier.
/// </summary>
public sealed class PreviewMatrix
{
    private PreviewMatrix(string sid, int version, IReadOnlyList<PreviewRow> rows)
    {
        Sid = sid;
        Version = version;
        Rows = rows;
    }

    public string Sid { get; }

    /// <summary>The config version the matrix shows.</summary>
    public int Version { get; }

    public IReadOnlyList<PreviewRow> Rows { get; }

    /// <summary>The cell of <paramref name="country"/> and <paramref name="category"/>, or null when the country is not a row.</summary>
    public PreviewCell? Cell(string country, KeywordCategory category) =>
        Rows.FirstOrDefault(r => r.Country == country)?.Cells.FirstOrDefault(c => c.Category == category);

    /// <summary>Builds the matrix with <paramref name="service"/>'s classifier (the one the webhook uses).</summary>
    public static PreviewMatrix Build(CompiledService service, IEnumerable<string> commonCountries)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(commonCountries);
        var config = service.Config;
        var overrides = config.Countries.Select(c => c.Country).Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal);
        var countries = config.Countries.Select(c => c.Country)
            .Concat(commonCountries.Select(c => c.Trim().ToUpperInvariant()))
            .Where(Countries.IsKnown)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var rows = countries.Select(country => new PreviewRow(
                country,
                Countries.NameOf(country) ?? country,
                overrides.Contains(country),
                KeywordCategories.All.Select(category => new PreviewCell(country, category, Entries(service, country, category))).ToList()))
            .ToList();
        return new PreviewMatrix(service.Sid, service.Version, rows);
    }

    /// <summary>One line per entry: country, category, keyword, reply, segments, encoding, answering set.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "country", "country_name", "category", "keyword", "keyword_set", "type", "answered_by", "language", "reply", "segments", "encoding" })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var row in Rows)
            {
                foreach (var cell in row.Cells)
                {
                    foreach (var e in cell.Entries)
                    {
                        csv.WriteField(row.Country);
                        csv.WriteField(row.CountryName);
                        csv.WriteField(cell.Category.ToOptOutType());
                        csv.WriteField(e.Keyword);
                        csv.WriteField(e.KeywordSet);
                        csv.WriteField(e.OptOutType ?? string.Empty);
                        csv.WriteField(e.AnsweredBy ?? string.Empty);
                        csv.WriteField(e.Language);
                        csv.WriteField(e.Reply ?? string.Empty);
                        csv.WriteField(e.Reply is null ? 0 : e.Segments.Segments);
                        csv.WriteField(e.Reply is null ? string.Empty : e.Segments.EncodingName);
                        csv.NextRecord();
                    }
                }
            }
        }

        return writer.ToString();
    }

    private static List<PreviewEntry> Entries(CompiledService service, string country, KeywordCategory category)
    {
        var entries = new List<PreviewEntry>();
        var probed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyword, set) in Probes(service.Config, country, category))
        {
            var key = MatchKey.Compute(keyword);
            if (key.Length == 0 || !probed.Add(key))
            {
                continue;
            }

            var c = service.Classifier.ClassifyForCountry(keyword, country);
            entries.Add(new PreviewEntry(keyword, set, c.OptOutType, c.IsMatch ? c.AnsweredBy : null, c.Language, c.IsMatch ? c.Reply : null, c.ReplySegments));
        }

        return entries;
    }

    /// <summary>The keywords a cell tries: global first, each language set's first, the country set's own first.</summary>
    private static IEnumerable<(string Keyword, string Set)> Probes(ServiceConfig config, string country, KeywordCategory category)
    {
        if (!config.AdvancedOptOutEnabled)
        {
            // Only the built-in keywords count (DESIGN 3.4).
            yield return (DefaultKeywords.Reserved(category), "global");
            yield break;
        }

        if (First(config.Global[category]) is { } global)
        {
            yield return (global, "global");
        }

        foreach (var l in config.Languages)
        {
            if (First(l[category]) is { } k)
            {
                yield return (k, $"language {l.Language}");
            }
        }

        foreach (var c in config.Countries.Where(c => c.Country == country))
        {
            if (First(c[category]) is { } k)
            {
                yield return (k, $"country {c.Country}");
            }
        }
    }

    private static string? First(CategoryConfig category) => category.Keywords.FirstOrDefault(k => !string.IsNullOrWhiteSpace(k));
}
