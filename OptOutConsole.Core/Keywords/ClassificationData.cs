using OptOutConsole.Core.Messages;

namespace OptOutConsole.Core.Keywords;

/// <summary>The precomputed part of a <see cref="Classification"/>: everything but the sender's country, built once per (match key, country set).</summary>
internal sealed class ClassificationData
{
    public KeywordCategory? Category { get; init; }

    public string? MatchedKeyword { get; init; }

    public string? MatchKey { get; init; }

    public required string Language { get; init; }

    public string? AnsweredBy { get; init; }

    public string? Reply { get; init; }

    public SegmentCount ReplySegments { get; init; }

    public required IReadOnlyList<string> SetsConsidered { get; init; }
}
