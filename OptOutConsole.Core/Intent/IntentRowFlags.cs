namespace OptOutConsole.Core.Intent;

/// <summary>Roles of a word beyond the pattern slots it belongs to.</summary>
[Flags]
internal enum IntentRowFlags : byte
{
    None = 0,

    /// <summary>An explicit opt-out word: alone in a clause it is a request (STOP, UNSUBSCRIBE, BAJA, ARRÊT).</summary>
    CommandStrong = 1,

    /// <summary>A word that is a request alone in a short text, and weaker beside other sentences (CANCEL, END, QUIT).</summary>
    CommandMedium = 2,

    /// <summary>Politeness, emphasis or address around a command ("please", "now", "svp", "por favor").</summary>
    Filler = 4,

    /// <summary>One of the service's own opt-out keywords.</summary>
    Keyword = 8,

    /// <summary>Laughter or delight ("lol", "haha", "yummy"): a bare "stop" beside it is more likely a joke.</summary>
    Joy = 16,
}
