using System.Text.Json;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Core.Services;

/// <summary>An immutable saved version of a service's config document.</summary>
public sealed class ConfigVersion
{
    public long Id { get; set; }

    public required string ServiceSid { get; set; }

    public int Version { get; set; }

    public required string ConfigJson { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What the save was: "created", "saved", "rolled back to v3", "imported".</summary>
    public required string Summary { get; set; }

    public int WarningCount { get; set; }

    /// <summary>
    /// The warnings the version was saved with (DESIGN 2: "warnings are shown and saved with the version"), as a JSON
    /// array of <see cref="SavedWarning"/>; empty for versions saved before they were kept (only their count is known).
    /// </summary>
    public string WarningsJson { get; set; } = "[]";

    /// <summary>Whether <see cref="WarningsJson"/> holds any warning (without reading it: versions saved before warnings were kept hold none).</summary>
    public bool HasSavedWarnings => WarningsJson is not ("[]" or "");

    /// <summary>The warnings of <paramref name="problems"/>, as <see cref="WarningsJson"/> holds them.</summary>
    public static string ToWarningsJson(IEnumerable<Problem> problems) =>
        JsonSerializer.Serialize(problems.Where(p => !p.IsError).Select(p => new SavedWarning(p.Code, p.Path, p.Message)).ToList(), JsonOptions);

    /// <summary>The saved warnings; an unreadable value reads as none (the count still says how many there were).</summary>
    public IReadOnlyList<SavedWarning> Warnings()
    {
        try
        {
            return JsonSerializer.Deserialize<List<SavedWarning>>(WarningsJson, JsonOptions) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>One warning as a version keeps it: its code, the path it names and its message.</summary>
public sealed record SavedWarning(string Code, string Path, string Message);
