using System.Collections.Frozen;

namespace OptOutConsole.Core.Intent;

/// <summary>
/// Everything <see cref="OptOutIntentDetector"/> reads per message, precomputed by <see cref="IntentCompiler"/>:
/// the lexicon (every word, keyword and one-edit typo the rules care about, to an entry id), each entry's word row
/// (slot membership bits, language, role), the patterns each entry can trigger, and the patterns themselves.
/// </summary>
internal sealed class IntentTables
{
    /// <summary>Language bits of a row.</summary>
    public const byte English = 1;
    public const byte Spanish = 2;
    public const byte French = 4;

    public required FrozenDictionary<string, int> Lexicon { get; init; }

    /// <summary>The same entries for words of A-Z letters only (most words), looked up by packed key.</summary>
    public required IntentPackedTable Packed { get; init; }

    /// <summary>The longest lexicon key: longer words are not looked up.</summary>
    public required int MaxKeyLength { get; init; }

    /// <summary>Per entry: its word's row.</summary>
    public required int[] EntryRow { get; init; }

    /// <summary>Per entry: "typo of X" for a typo entry, else null.</summary>
    public required string?[] EntryTypoOf { get; init; }

    /// <summary>Per entry: the patterns whose anchor it is (shared empty array for most).</summary>
    public required int[][] EntryAnchors { get; init; }

    /// <summary>Slot membership: <see cref="RowWords"/> 64-bit words per row; row 0 is the unknown word.</summary>
    public required ulong[] Rows { get; init; }

    public required int RowWords { get; init; }

    public required byte[] RowLanguage { get; init; }

    public required IntentRowFlags[] RowFlags { get; init; }

    /// <summary>Per row: "STOP alone" for command words (the reason of a command alone in a clause).</summary>
    public required string?[] RowCommandReason { get; init; }

    /// <summary>The row given to words hidden by asterisks ("f***ing"): filler and swear word.</summary>
    public required int MaskedRow { get; init; }

    /// <summary>Patterns a masked word can trigger ("f*** off").</summary>
    public required int[] MaskedAnchors { get; init; }

    public required IntentPattern[] Patterns { get; init; }

    /// <summary>Slots the detector itself reads: negation barriers ("why don't YOU stop"), and "why" before a negation.</summary>
    public required int NegationBarrierSlot { get; init; }

    public required int WhySlot { get; init; }

    /// <summary>"No", "never": a clause of them after a question answers it ("unsubscribe my friend? no, I love these").</summary>
    public required int RebuttalSlot { get; init; }

    public required int PorSlot { get; init; }

    public required int QueSlot { get; init; }
}
