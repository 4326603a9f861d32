namespace OptOutConsole.Core.Services;

/// <summary>
/// The config document's <c>optOutIntent</c> (DESIGN 3.5): what the console does with a free-text opt-out request
/// ("please stop texting me") that matched no keyword, and the service's own extra and ruled-out phrases.
/// </summary>
public sealed class OptOutIntentConfig
{
    /// <summary>Detection does nothing.</summary>
    public const string Off = "off";

    /// <summary>A detected request becomes a review item due 10 business days after receipt; no reply, no block (the default).</summary>
    public const string Review = "review";

    /// <summary>A detected request is handled as a STOP (block-list source <c>intent</c>).</summary>
    public const string Block = "block";

    public static readonly IReadOnlyList<string> Modes = [Off, Review, Block];

    /// <summary>At most this many extra phrases, and as many ruled-out ones.</summary>
    public const int MaxPhrases = 50;

    /// <summary>The longest phrase, in characters.</summary>
    public const int PhraseMaxLength = 100;

    public string Mode { get; set; } = Review;

    /// <summary>Phrases a compliance officer adds: a text holding one is an opt-out request for this service.</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>Phrases ruled out for this service: a text is not flagged on their evidence.</summary>
    public List<string> Ignore { get; set; } = [];

    public bool IsKnownMode => Modes.Contains(Mode, StringComparer.Ordinal);

    public OptOutIntentConfig Clone() => new() { Mode = Mode, Phrases = [.. Phrases], Ignore = [.. Ignore] };

    /// <summary>Mode trimmed and in lower case ("Review" is review); null lists empty, entries trimmed.</summary>
    public OptOutIntentConfig Normalize()
    {
        Mode = (Mode ?? string.Empty).Trim().ToLowerInvariant();
        Phrases = (Phrases ?? []).Select(p => (p ?? string.Empty).Trim()).ToList();
        Ignore = (Ignore ?? []).Select(p => (p ?? string.Empty).Trim()).ToList();
        return this;
    }
}
