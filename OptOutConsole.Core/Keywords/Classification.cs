using OptOutConsole.Core.Messages;

namespace OptOutConsole.Core.Keywords;

/// <summary>
/// What the classifier decided about one inbound text (DESIGN 3): the category, the keyword, the sender's country,
/// the message's language, the set that answered and its reply. A 16-byte value: a reference to the answer
/// precomputed when the classifier was built, and the sender's country; so classifying allocates nothing and
/// returning a result copies two words.
/// </summary>
public readonly struct Classification : IEquatable<Classification>
{
    private readonly ClassificationData? _data;

    internal Classification(ClassificationData data, string? country)
    {
        _data = data;
        Country = country;
    }

    /// <summary>The category that holds the message's match key; null when nothing matched.</summary>
    public KeywordCategory? Category => _data?.Category;

    /// <summary>True when the message is a keyword.</summary>
    public bool IsMatch => _data?.Category is not null;

    /// <summary>Twilio's <c>OptOutType</c>: STOP, START, HELP, or null when nothing matched.</summary>
    public string? OptOutType => Category?.ToOptOutType();

    /// <summary>The keyword as configured (original spelling) in the set that chose it.</summary>
    public string? MatchedKeyword => _data?.MatchedKeyword;

    /// <summary>The match key (DESIGN 3.1) shared by the message and the keyword.</summary>
    public string? MatchKey => _data?.MatchKey;

    /// <summary>The sender's country (ISO 3166-1 alpha-2), or null when unknown.</summary>
    public string? Country { get; }

    /// <summary>The message's language: the language set that holds the keyword, else the service's default language.</summary>
    public string Language => _data?.Language ?? string.Empty;

    /// <summary>The set whose reply is used: <c>global</c>, <c>language xx</c> or <c>country YY</c>; null when none.</summary>
    public string? AnsweredBy => _data?.AnsweredBy;

    /// <summary>The confirmation reply; null when nothing matched or no set has one.</summary>
    public string? Reply => _data?.Reply;

    /// <summary>The reply's SMS segments (0 when there is no reply).</summary>
    public SegmentCount ReplySegments => _data?.ReplySegments ?? default;

    /// <summary>The sets searched for the keyword, in order: global, every language set, the sender's country set.</summary>
    public IReadOnlyList<string> SetsConsidered => _data?.SetsConsidered ?? [];

    public static bool operator ==(Classification left, Classification right) => left.Equals(right);

    public static bool operator !=(Classification left, Classification right) => !left.Equals(right);

    public bool Equals(Classification other) => ReferenceEquals(_data, other._data) && string.Equals(Country, other.Country, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Classification other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_data, Country);

    public override string ToString() =>
        IsMatch ? $"{OptOutType} ({MatchedKeyword}) answered by {AnsweredBy ?? "no set"}, country {Country ?? "unknown"}" : $"no match, country {Country ?? "unknown"}";
}
