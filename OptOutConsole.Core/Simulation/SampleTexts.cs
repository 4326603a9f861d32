using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using OptOutConsole.Core.Phones;

namespace OptOutConsole.Core.Simulation;

/// <summary>
/// Reads the batch mode's input: a CSV with a <c>body</c> column (and an optional <c>from</c> column), or else one
/// text per line (blank lines skipped).
/// </summary>
public static class SampleTexts
{
    /// <summary>The largest input read (pasted or uploaded).</summary>
    public const int MaxInputChars = 512 * 1024;

    /// <summary>The samples, and one message per row that was skipped or per limit hit.</summary>
    public static (IReadOnlyList<SampleText> Samples, IReadOnlyList<string> Errors) Parse(string? input)
    {
        var samples = new List<SampleText>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input))
        {
            return (samples, errors);
        }

        if (input.Length > MaxInputChars)
        {
            errors.Add($"The input is longer than {MaxInputChars / 1024} KiB; only the start was read.");
            input = input[..MaxInputChars];
        }

        if (HasBodyHeader(input))
        {
            ReadCsv(input, samples, errors);
        }
        else
        {
            foreach (var line in input.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                samples.Add(new SampleText(null, line));
            }
        }

        if (samples.Count > SimulationRun.MaxBatch)
        {
            errors.Add($"{samples.Count} texts given; a batch runs the first {SimulationRun.MaxBatch}.");
            samples.RemoveRange(SimulationRun.MaxBatch, samples.Count - SimulationRun.MaxBatch);
        }

        return (samples, errors);
    }

    private static bool HasBodyHeader(string input)
    {
        var firstLine = input.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? string.Empty;
        using var reader = new StringReader(firstLine);
        using var csv = new CsvParser(reader, CsvConfig());
        return csv.Read() && csv.Record is { } header && header.Any(h => IsColumn(h, "body"));
    }

    private static void ReadCsv(string input, List<SampleText> samples, List<string> errors)
    {
        using var reader = new StringReader(input);
        using var csv = new CsvParser(reader, CsvConfig());
        int bodyIndex = -1, fromIndex = -1;
        var row = 0;
        while (csv.Read())
        {
            var record = csv.Record ?? [];
            if (bodyIndex < 0)
            {
                bodyIndex = Array.FindIndex(record, h => IsColumn(h, "body"));
                fromIndex = Array.FindIndex(record, h => IsColumn(h, "from"));
                continue;
            }

            row++;
            var body = bodyIndex < record.Length ? record[bodyIndex] : string.Empty;
            var from = fromIndex >= 0 && fromIndex < record.Length ? record[fromIndex].Trim() : string.Empty;
            if (from.Length == 0)
            {
                samples.Add(new SampleText(null, body));
                continue;
            }

            var e164 = E164.Normalize(from);
            if (e164 is null)
            {
                errors.Add($"Row {row}: '{from}' is not a valid phone number (use E.164, e.g. +525512345678); the row was skipped.");
                continue;
            }

            samples.Add(new SampleText(e164, body));
        }
    }

    private static bool IsColumn(string? header, string name) => string.Equals(header?.Trim(), name, StringComparison.OrdinalIgnoreCase);

    private static CsvConfiguration CsvConfig() => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        DetectDelimiter = true,
        BadDataFound = null,
        MissingFieldFound = null,
    };
}
