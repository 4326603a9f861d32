using System.Text.Json;
using System.Text.Json.Serialization;

namespace OptOutConsole.Core.Services;

/// <summary>
/// The config document of a messaging service (DESIGN 5.2): what the editor edits, the API reads and writes, and
/// each config version stores whole.
/// </summary>
public sealed class ServiceConfig
{
    public const int FriendlyNameMaxLength = 64;
    public const int DescriptionMaxLength = 500;
    public const string DefaultLanguageCode = "en";

    /// <summary>The JSON shape of the API and of stored versions: camelCase, enums as strings.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly JsonSerializerOptions CompactJsonOptions = new(JsonOptions) { WriteIndented = false };

    public string FriendlyName { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string DefaultLanguage { get; set; } = DefaultLanguageCode;

    public bool AdvancedOptOutEnabled { get; set; } = true;

    public bool ReplyToHelpWhenOptedOut { get; set; } = true;

    public List<string> Senders { get; set; } = [];

    public string? WebhookUrl { get; set; }

    public KeywordSet Global { get; set; } = new();

    public List<LanguageOverride> Languages { get; set; } = [];

    public List<CountryOverride> Countries { get; set; } = [];

    /// <summary>Free-text opt-out detection (DESIGN 3.5); a document without it gets the default, <c>review</c>.</summary>
    public OptOutIntentConfig OptOutIntent { get; set; } = new();

    /// <summary>A deep copy, for an editor to change without touching the saved version.</summary>
    public ServiceConfig Clone() => new()
    {
        FriendlyName = FriendlyName,
        Description = Description,
        DefaultLanguage = DefaultLanguage,
        AdvancedOptOutEnabled = AdvancedOptOutEnabled,
        ReplyToHelpWhenOptedOut = ReplyToHelpWhenOptedOut,
        Senders = [.. Senders],
        WebhookUrl = WebhookUrl,
        Global = Global.CloneSet(),
        Languages = Languages.Select(l => l.Clone()).ToList(),
        Countries = Countries.Select(c => c.Clone()).ToList(),
        OptOutIntent = OptOutIntent.Clone(),
    };

    /// <summary>Replaces parts a JSON document left out or set to null with empty ones, so rules never meet a null.</summary>
    public ServiceConfig Normalize()
    {
        // Trimmed as a new service's name is: " Sushi Rewards " is the brand "Sushi Rewards" in every reply and list.
        FriendlyName = (FriendlyName ?? string.Empty).Trim();
        DefaultLanguage ??= string.Empty;
        Senders = (Senders ?? []).Select(s => s ?? string.Empty).ToList();
        Global ??= new();
        Global.Normalize();
        Languages = (Languages ?? []).Where(l => l is not null).ToList();
        Countries = (Countries ?? []).Where(c => c is not null).ToList();
        OptOutIntent = (OptOutIntent ?? new()).Normalize();
        // Codes are compared exactly by the rules and the classifier: languages in lower case, countries in capitals.
        DefaultLanguage = DefaultLanguage.Trim().ToLowerInvariant();
        foreach (var l in Languages)
        {
            l.Language = (l.Language ?? string.Empty).Trim().ToLowerInvariant();
            l.Normalize();
        }

        foreach (var c in Countries)
        {
            c.Country = (c.Country ?? string.Empty).Trim().ToUpperInvariant();
            c.Normalize();
        }

        return this;
    }

    /// <summary>Every set: global, then language overrides, then country overrides (paths: <c>Validation.ConfigPaths</c>).</summary>
    public IEnumerable<KeywordSet> Sets() => [Global, .. Languages, .. Countries];

    public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, indented ? JsonOptions : CompactJsonOptions);

    /// <summary>Reads a document; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static ServiceConfig FromJson(string json) =>
        (JsonSerializer.Deserialize<ServiceConfig>(json, JsonOptions) ?? throw new JsonException("The document is empty.")).Normalize();
}
