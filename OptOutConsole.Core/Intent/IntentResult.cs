namespace OptOutConsole.Core.Intent;

/// <summary>
/// What <see cref="OptOutIntentDetector"/> found in one text: a score from 0 to 1 and, when there was any evidence,
/// the phrase of the text that carried the most (a contiguous substring of the text as written), its language and a
/// short reason. The default value is "no evidence".
/// </summary>
public readonly struct IntentResult : IEquatable<IntentResult>
{
    internal IntentResult(double score, string phrase, int phraseStart, string language, string reason)
    {
        Score = score;
        Phrase = phrase;
        PhraseStart = phraseStart;
        PhraseLength = phrase.Length;
        Language = language;
        Reason = reason;
    }

    /// <summary>True when <see cref="Score"/> reaches <see cref="OptOutIntentDetector.Threshold"/>.</summary>
    public bool IsOptOut => Score >= OptOutIntentDetector.Threshold;

    /// <summary>0 when nothing in the text reads as an opt-out request; close to 1 for an explicit one.</summary>
    public double Score { get; }

    /// <summary>The triggering phrase as written (same characters as <c>text.Substring(PhraseStart, PhraseLength)</c>); null without evidence.</summary>
    public string? Phrase { get; }

    /// <summary>Where <see cref="Phrase"/> starts in the text (UTF-16 index); 0 without evidence.</summary>
    public int PhraseStart { get; }

    /// <summary>The length of <see cref="Phrase"/> in UTF-16 units; 0 without evidence.</summary>
    public int PhraseLength { get; }

    /// <summary>The language of the evidence: <c>en</c>, <c>es</c> or <c>fr</c>; null without evidence.</summary>
    public string? Language { get; }

    /// <summary>A short reason for the reviewer ("stop + texting", "typo of STOP", "extra phrase"); null without evidence.</summary>
    public string? Reason { get; }

    public static bool operator ==(IntentResult left, IntentResult right) => left.Equals(right);

    public static bool operator !=(IntentResult left, IntentResult right) => !left.Equals(right);

    public bool Equals(IntentResult other) =>
        Score.Equals(other.Score)
        && PhraseStart == other.PhraseStart
        && PhraseLength == other.PhraseLength
        && string.Equals(Phrase, other.Phrase, StringComparison.Ordinal)
        && string.Equals(Language, other.Language, StringComparison.Ordinal)
        && string.Equals(Reason, other.Reason, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IntentResult other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Score, Phrase, PhraseStart, Language, Reason);

    /// <inheritdoc/>
    public override string ToString() =>
        Phrase is null ? "no evidence" : $"{Score:0.00} {(IsOptOut ? "opt-out" : "not")} [{Language}] \"{Phrase}\" ({Reason})";
}
