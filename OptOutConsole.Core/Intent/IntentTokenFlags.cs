namespace OptOutConsole.Core.Intent;

/// <summary>What the tokenizer noticed about a word.</summary>
[Flags]
internal enum IntentTokenFlags : byte
{
    None = 0,

    /// <summary>A letter was repeated three or more times ("stoooop"); the fold keeps two.</summary>
    Elongated = 1,

    /// <summary>The word hides letters behind asterisks ("f***ing").</summary>
    Masked = 2,

    /// <summary>The word's clause is a question (it ends with ? or starts with ¿).</summary>
    Question = 4,

    /// <summary>The lexicon entry is a one-edit typo of a word or keyword.</summary>
    Typo = 8,
}
