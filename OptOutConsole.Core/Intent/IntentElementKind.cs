namespace OptOutConsole.Core.Intent;

/// <summary>What one element of a pattern tests (see <see cref="IntentGrammar"/> for the notation).</summary>
internal enum IntentElementKind : byte
{
    /// <summary>A word in a slot (words and classes of the grammar); <c>Min</c>..<c>Max</c> of them.</summary>
    Slot,

    /// <summary>One exact lexicon entry: the words of extra and ignored phrases.</summary>
    Entry,

    /// <summary>Any word.</summary>
    Any,

    /// <summary>The next word (or, before the anchor, the previous one) is not in the slot; consumes nothing.</summary>
    Not,

    /// <summary>The start of the clause.</summary>
    Start,

    /// <summary>The end of the clause.</summary>
    End,

    /// <summary>A word in the slot, or the end of the clause (written <c>a/b/$</c>).</summary>
    SlotOrEnd,
}
