using System.Text.Json;

namespace OptOutConsole.Core.Services;

/// <summary>Reads an uploaded config document, turning a JSON error into plain words with where it is.</summary>
public static class ConfigImport
{
    /// <summary>The largest file the editor accepts (1 MiB).</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The document, or null with <paramref name="error"/> saying what is wrong and where.</summary>
    public static ServiceConfig? TryParse(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "The file is empty: choose a JSON file downloaded from a service.";
            return null;
        }

        try
        {
            return ServiceConfig.FromJson(json);
        }
        catch (JsonException ex)
        {
            error = Describe(ex);
            return null;
        }
    }

    private static string Describe(JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        var where = ex.LineNumber is { } line
            ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}"
            : string.Empty;
        var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" (field {ex.Path.TrimStart('$', '.')})";
        return $"The file is not a config document{where}{field}: {reason.TrimEnd('.')}.";
    }
}
