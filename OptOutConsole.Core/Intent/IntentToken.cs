namespace OptOutConsole.Core.Intent;

/// <summary>One word of a text as the detector reads it: its folded form and where it was written.</summary>
internal struct IntentToken
{
    /// <summary>Start of the folded word in the fold buffer.</summary>
    public int FoldStart;

    public int FoldLength;

    /// <summary>First UTF-16 unit of the word in the original text.</summary>
    public int SourceStart;

    /// <summary>One past the last UTF-16 unit of the word in the original text.</summary>
    public int SourceEnd;

    /// <summary>First token of the word's clause (a clause ends at . ! ? ; : , a line break or an emoji).</summary>
    public int ClauseStart;

    /// <summary>One past the last token of the word's clause.</summary>
    public int ClauseEnd;

    /// <summary>The lexicon entry, or -1 for a word the detector does not know.</summary>
    public int Entry;

    /// <summary>The membership row of the entry's word (0: no class).</summary>
    public int Row;

    /// <summary>The word packed for <see cref="IntentPackedTable"/>, or 0 when it is not A-Z letters only or too long.</summary>
    public ulong Packed;

    public IntentTokenFlags Flags;
}
