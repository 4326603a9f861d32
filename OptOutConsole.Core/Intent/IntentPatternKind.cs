namespace OptOutConsole.Core.Intent;

/// <summary>What a matched pattern does.</summary>
internal enum IntentPatternKind : byte
{
    /// <summary>Evidence of an opt-out request, with the pattern's score.</summary>
    Evidence,

    /// <summary>Another sense or an ignored phrase: evidence overlapping it is dropped.</summary>
    Veto,

    /// <summary>Love for the messages ("keep them coming"): every score of the text is lowered.</summary>
    Dampener,

    /// <summary>Delight ("such a good deal"): a bare command beside it is likely a joke.</summary>
    Delight,
}
