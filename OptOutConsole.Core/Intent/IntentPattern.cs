namespace OptOutConsole.Core.Intent;

/// <summary>A compiled pattern: elements around an anchor word, and what a match means.</summary>
internal sealed class IntentPattern
{
    public required IntentElement[] Elements { get; init; }

    /// <summary>The element whose word triggers the pattern; elements before it are matched right to left.</summary>
    public required int Anchor { get; init; }

    public required IntentPatternKind Kind { get; init; }

    public required double Score { get; init; }

    /// <summary>en, es, fr; null when the words decide (keywords, extra phrases).</summary>
    public required string? Language { get; init; }

    public required string Reason { get; init; }

    /// <summary>The slot of the negations of the pattern's language, or -1 when a negation before it does not cancel it.</summary>
    public required int NegationSlot { get; init; }

    /// <summary>A bare command ("please stop", "stop it"): weaker beside laughter ("Stop, you're making me hungry 😂").</summary>
    public required bool Bare { get; init; }

    /// <summary>Weaker in a question ("no more coupons this week?").</summary>
    public required bool QuestionPenalty { get; init; }

    /// <summary>Matched across clause boundaries (extra and ignored phrases are written with their punctuation).</summary>
    public required bool CrossClause { get; init; }
}
