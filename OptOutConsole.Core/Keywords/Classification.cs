using OptOutConsole.Core.Messages;

namespace OptOutConsole.Core.Keywords;

/// <summary>
/// What the classifier decided about one inbound text (DESIGN 3): the category, the keyword, the sender's country,
/// the message's language, the set that answered and its reply. A value type whose strings are precomputed when the
/// classifier is built, so classifying allocates nothing.
/// </summary>
public readonly record struct Classification
{
    private readonly IReadOnlyList<string>? _setsConsidered;

    /// <summary>The category that holds the message's match key; null when nothing matched.</summary>
    public KeywordCategory? Category { get; init; }

    /// <summary>True when the message is a keyword.</summary>
    public bool IsMatch => Category.HasValue;

    /// <summary>Twilio's <c>OptOutType</c>: STOP, START, HELP, or null when nothing matched.</summary>
    public string? OptOutType => Category?.ToOptOutType();

    /// <summary>The keyword as configured (original spelling) in the set that chose it.</summary>
    public string? MatchedKeyword { get; init; }

    /// <summary>The match key (DESIGN 3.1) shared by the message and the keyword.</summary>
    public string? MatchKey { get; init; }

    /// <summary>The sender's country (ISO 3166-1 alpha-2), or null when unknown.</summary>
    public string? Country { get; init; }

    /// <summary>The message's language: the language set that holds the keyword, else the service's default language.</summary>
    public string Language { get; init; }

    /// <summary>The set whose reply is used: <c>global</c>, <c>language xx</c> or <c>country YY</c>; null when none.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>The confirmation reply; null when nothing matched or no set has one.</summary>
    public string? Reply { get; init; }

    /// <summary>The reply's SMS segments (0 when there is no reply).</summary>
    public SegmentCount ReplySegments { get; init; }

    /// <summary>The sets searched for the keyword, in order: global, every language set, the sender's country set.</summary>
    public IReadOnlyList<string> SetsConsidered
    {
        get => _setsConsidered ?? [];
        init => _setsConsidered = value;
    }
}
