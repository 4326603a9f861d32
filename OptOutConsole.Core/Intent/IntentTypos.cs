namespace OptOutConsole.Core.Intent;

/// <summary>
/// The one-edit typo rule: every Damerau-Levenshtein-1 variant (one letter deleted, inserted, replaced, or two
/// neighbours swapped) of a word of four letters or more, over A-Z, except variants that are real words.
/// </summary>
/// <remarks>
/// <para>The first letter is kept: a typo that changes it (deleted, replaced, or a letter put before it) is not
/// generated, except the swap of the first two letters ("tsop"). People rarely miss the first letter, and it is what
/// keeps "top", "atop" and "shop"-like words away from STOP without a dictionary.</para>
/// <para>A variant is never a typo when it is a word the detector knows (exact entries win), a word of
/// <see cref="RealWords"/> (the en/es/fr words one edit from the default keywords and the common custom ones, taken
/// from Debian's word lists when these rules were written), or one of <see cref="CommonWords"/> (frequent short
/// words of the three languages, which guard custom keywords nobody anticipated). A doubled letter is always a
/// typo, even when it makes a word: "Stoop" means STOP far more often than a porch step in a reply to a text.</para>
/// </remarks>
internal static class IntentTypos
{
    /// <summary>Keywords shorter than this are never typo-matched: END/AND/SEND, FIN/FIN, ALL-like collisions.</summary>
    public const int MinLength = 4;

    /// <summary>
    /// Words of the grammar that tolerate a typo even when the service does not have them as keywords: long words
    /// that carry a request ("unsubscibe", "mesages", "recieve"), and a few standard opt-out words of es/fr.
    /// </summary>
    public static readonly string[] TolerantWords =
    [
        "UNSUBSCRIBE", "STOPALL", "OPTOUT", "REMOVE", "MESSAGES", "MESSAGING", "TEXTING", "CONTACTING", "SENDING",
        "RECEIVE", "ANYMORE", "SUBSCRIPTION", "NOTIFICATIONS", "PROMOTIONS", "BOTHERING", "SPAMMING", "PLEASE",
        "NUMBER", "INTERESTED", "MENSAJES", "ESCRIBIRME", "ENVIARME", "MANDARME", "QUITENME", "SAQUENME", "BORRENME",
        "EQUIVOCADO", "MOLESTAR", "MOLESTARME", "PROMOCIONES", "DESUSCRIBIR", "DESUSCRIBIRME", "ARRET", "ARRETEZ",
        "ARRETER", "ENVOYER", "RECEVOIR", "DESABONNER", "DESABONNEZ", "DESINSCRIRE", "TRANQUILLE",
    ];

    /// <summary>Real en/es/fr words one edit (first letter kept) from the default and common custom keywords and <see cref="TolerantWords"/>.</summary>
    public static readonly string[] RealWords =
    [
        "ADRET", "ALBO", "ALETO", "ALGO", "ALLO", "ALMO", "ALNO", "ALSO", "ALTA", "ALTHO", "ALTOR", "ALTOS", "ALTS",
        "APTO", "ARMET", "ARRE", "ARRENTER", "ARRENTEZ", "ARREO", "ARREST", "ARRETA", "ARRETE", "ARRETEE", "ARRETER",
        "ARRETERA", "ARRETES", "ARRETEZ", "ARRETIEZ", "ARRETS", "ARTO", "ASTO", "AUTO", "BABA", "BACA", "BADA", "BAGA",
        "BAJAR", "BAJIA", "BAJO", "BALA", "BALTA", "BANA", "BASA", "BASAT", "BASCA", "BASNA", "BAST", "BASTAI",
        "BASTAR", "BASTAS", "BASTAT", "BASTE", "BASTO", "BATA", "BAVA", "BAYA", "BAZA", "BIJA", "BOJA", "BOSTA",
        "CANCELA", "CANCELS", "CANCER", "CANCERAR", "CANELAR", "CANTEL", "CARCEL", "CAUCEL", "CHANCEL", "CINCEL",
        "CINCELAR", "CONTRACTING", "DEJETE", "DELATE", "DELECTE", "DELEITE", "DELESTE", "DELETA", "DELETED", "DELETES",
        "DELETO", "DELITE", "DELUTE", "DEMENER", "DEPLETE", "DESABONNE", "DESABONNEE", "DESABONNER", "DESABONNERA",
        "DESABONNES", "DESABONNEZ", "DESABONNIEZ", "DETELER", "DETENEZ", "DETENIR", "DETONER", "DEVETE", "ENNOYER",
        "ENVOLER", "ENVOYE", "ENVOYEE", "ENVOYES", "ENVOYEUR", "ENVOYEZ", "FAIN", "FINA", "FIND", "FINE", "FINI",
        "FINK", "FINO", "FINS", "FION", "FOIN", "LATO", "MALESTAR", "MASSAGES", "MASSAGING", "MENSAJE", "MESSAGE",
        "MESSAGER", "MESSAGERS", "MOLESTA", "MOLESTAI", "MOLESTAS", "MOLESTAT", "MOLESTER", "NIMBER", "NOMBRE",
        "NOTIFICATION", "NUMBED", "NUMBERS", "PAGAR", "PAIEN", "PAIRAR", "PAJAR", "PAPAR", "PARA", "PARAI", "PARAL",
        "PARAO", "PARAS", "PARAT", "PARE", "PAREAR", "PARED", "PAREE", "PARENT", "PAREO", "PARER", "PARES", "PAREZ",
        "PARIR", "PARLAR", "PARNE", "PARPAR", "PARRA", "PASAR", "PAYAR", "PEASE", "PLEAS", "PLEASED", "PLEASES",
        "PROMOTION", "QUIA", "QUID", "QUIET", "QUILT", "QUINT", "QUIO", "QUIP", "QUITA", "QUITE", "QUITO", "QUITS",
        "QUIZ", "QUOIT", "RECEIVED", "RECEIVER", "RECEIVES", "RECOIVE", "RECRIVE", "REDEVOIR", "REMOTE", "REMOVED",
        "REMOVER", "REMOVES", "RENOVE", "REVOIE", "REVOKED", "REVOKES", "REVOLE", "REVOTE", "SABIR", "SAFIR", "SALAR",
        "SALER", "SALI", "SALIA", "SALIE", "SALIN", "SALIO", "SALIRA", "SALIS", "SALIT", "SALOIR", "SANDING",
        "SCAMMING", "SEEDING", "SENSING", "SHAMMING", "SHOP", "SLAMMING", "SLOP", "SPENDING", "STEP", "STOMP", "STOPS",
        "STOW", "STROP", "STUP", "SUBSCRIPCION", "SUBSCRIPTIONS", "SUSCRIPTION", "SWOP", "TENTING", "TESTING",
        "TRANQUILLA", "TRANQUILLER", "TRANQUILLES", "TRANQUILLO", "TRANQUILLY", "UNSUBSCRIBED", "UNSUBSCRIBES",
        "STOPPED", "STOPPING", "STOPER", "ENDED", "ENDS", "QUITS",
    ];

    /// <summary>Frequent words of SMS replies in en/es/fr (four letters or more), never read as a keyword typo.</summary>
    public static readonly string[] CommonWords =
    [
        // English
        "ABOUT", "AFTER", "AGAIN", "ALSO", "ALWAYS", "AWAY", "BACK", "BEEN", "BEST", "BOTH", "CALL", "CAME", "CAN'T",
        "CARD", "CARE", "CASE", "CODE", "COME", "COOL", "COST", "DATE", "DEAL", "DEALS", "DIDN", "DONE", "DOOR",
        "DOWN", "EACH", "EVEN", "EVER", "FAST", "FEEL", "FIND", "FINE", "FOOD", "FORM", "FREE", "FROM", "GAME",
        "GAVE", "GETS", "GIVE", "GOOD", "GOING", "GONE", "GREAT", "HAVE", "HERE", "HOME", "HOPE", "HOUR", "INFO",
        "INTO", "JUST", "KEEP", "KIND", "KNOW", "LAST", "LATE", "LATER", "LEFT", "LIKE", "LINE", "LINK", "LIST",
        "LIVE", "LONG", "LOOK", "LOST", "LOVE", "MADE", "MAKE", "MANY", "MEAL", "MENU", "MORE", "MOST", "MUCH",
        "MUST", "NAME", "NEAR", "NEED", "NEXT", "NICE", "NONE", "NOTE", "ONCE", "ONLY", "OPEN", "OPTS", "ORDER",
        "OVER", "PAID", "PART", "PICK", "PLAN", "PLUS", "POST", "PUTS", "QUICK", "QUITE", "READ", "REAL", "REST",
        "RICE", "ROLL", "SAID", "SALE", "SAME", "SEAT", "SEEN", "SEND", "SENT", "SHIP", "SHOP", "SHOW", "SHUT",
        "SIDE", "SIGN", "SIZE", "SOME", "SOON", "SORT", "SOUP", "SPOT", "STAR", "START", "STAY", "STEP", "STORE",
        "SURE", "TAKE", "TALK", "TELL", "TEXT", "THAN", "THAT", "THEM", "THEN", "THEY", "THIS", "TIME", "TOLD",
        "TOOK", "TOPS", "TOUR", "TRIP", "TRUE", "TUNA", "TURN", "UNTIL", "UPON", "USED", "VERY", "WAIT", "WALK",
        "WANT", "WEEK", "WELL", "WENT", "WERE", "WHAT", "WHEN", "WILL", "WITH", "WORD", "WORK", "YEAH", "YOUR",
        "STOPS", "STOOL", "STORY", "STONE", "STOCK", "STORM", "SPORT", "SNOW", "SLOW", "SHOT", "SHOE", "STUPID",
        "CANDLE", "CANCELED", "CANCELLED", "CANCELING", "CANCELLING", "QUILT", "QUIZ", "QUIET", "QUITE", "SUIT",
        "REMOTE", "REMOVED", "REMOVAL",
        // Spanish
        "ALGO", "ALTA", "ALTOS", "AQUI", "AUTO", "BAJO", "BAJAR", "BIEN", "BUENO", "CADA", "CAJA", "CASA", "COMO",
        "CUANDO", "DESDE", "DONDE", "ESTA", "ESTE", "ESTO", "GRACIAS", "HACER", "HASTA", "HOLA", "HORA", "LLEGO",
        "MAÑANA", "MEJOR", "MESA", "MISMO", "MUCHO", "MUY", "NADA", "PARA", "PARE", "PARED", "PARES", "PASAR",
        "PERO", "POCO", "PUEDO", "QUIERO", "QUITA", "QUITO", "SALE", "SALIO", "SALA", "SOLO", "TODO", "TAMBIEN",
        "TIENE", "VAMOS", "VENTA",
        // French
        "ALORS", "ARRETE", "ARRETS", "AUSSI", "AVEC", "BIEN", "BONNE", "CELA", "COMME", "DANS", "DEMAIN", "DEPUIS",
        "ENCORE", "ENVOYE", "FAIRE", "FINI", "HEURE", "MAIS", "MERCI", "MOINS", "NUIT", "PARCE", "PEUT", "PLUS",
        "POUR", "QUAND", "QUOI", "SOIR", "SONT", "TOUT", "TRES", "VOUS", "HUIT", "SUITE",
    ];

    /// <summary>
    /// Every one-edit variant of <paramref name="word"/> (upper-case A-Z, at least <see cref="MinLength"/> letters)
    /// that keeps its first letter, with whether it is a doubled letter (always a typo, see the remarks).
    /// </summary>
    public static IEnumerable<(string Variant, bool Doubling)> Variants(string word)
    {
        if (word.Length < MinLength || !IsAsciiUpper(word))
        {
            yield break;
        }

        var chars = new char[word.Length + 1];

        // Insertions after the first letter: the doubled ones first, so that they are recorded as doublings.
        for (var i = 1; i <= word.Length; i++)
        {
            for (var a = 'A'; a <= 'Z'; a++)
            {
                var doubling = a == word[i - 1] || (i < word.Length && a == word[i]);
                yield return (string.Concat(word.AsSpan(0, i), [a], word.AsSpan(i)), doubling);
            }
        }

        for (var i = 1; i < word.Length; i++)
        {
            // Deletion and replacement of a letter other than the first.
            yield return (string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1)), false);
            for (var a = 'A'; a <= 'Z'; a++)
            {
                if (a != word[i])
                {
                    word.CopyTo(0, chars, 0, word.Length);
                    chars[i] = a;
                    yield return (new string(chars, 0, word.Length), false);
                }
            }
        }

        for (var i = 0; i + 1 < word.Length; i++)
        {
            if (word[i] != word[i + 1])
            {
                word.CopyTo(0, chars, 0, word.Length);
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                yield return (new string(chars, 0, word.Length), false);
            }
        }
    }

    /// <summary>The words no typo may be read as (real words), folded.</summary>
    public static HashSet<string> NeverTypos()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in RealWords.Concat(CommonWords))
        {
            set.Add(Keywords.MatchKey.Compute(w));
        }

        return set;
    }

    private static bool IsAsciiUpper(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'A' or > 'Z')
            {
                return false;
            }
        }

        return true;
    }
}
