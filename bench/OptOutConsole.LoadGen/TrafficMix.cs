using OptOutConsole.Core.Phones;

namespace OptOutConsole.LoadGen;

/// <summary>
/// A realistic inbound mix: mostly conversation, about a third keywords in several languages, senders from four
/// countries, and a share of free-text opt-out requests (DESIGN 3.5: no keyword, but filed for review or blocked).
/// </summary>
internal static class TrafficMix
{
    public static readonly string[] Keywords =
    [
        "STOP", "stop", " Stop! ", "STOP!!", "unsubscribe", "Cancel", "quit", "opt-out", "stop all",
        "Arrêt", "arret", "BAJA", "Baja", "alto", "ＳＴＯＰ",
        "START", "start", "unstop", "yes", "SUSHI", "Alta", "abonner",
        "HELP", "help", "info", "AYUDA", "aide",
    ];

    public static readonly string[] Chatter =
    [
        "Thanks!", "What time do you open tomorrow?", "ok", "Is the spicy tuna roll available?", "sounds good",
        "no thanks", "¿Tienen mesa para cuatro?", "Merci beaucoup", "👍", "Can I change my order?",
        "STOP2", "see you at 7", "Where is the nearest store?", "gracias", "Do you deliver to 94107?",
    ];

    /// <summary>Opt-out requests in words (no keyword matches them): the detector flags each.</summary>
    public static readonly string[] FreeTextOptOuts =
    [
        "stop please", "please stop", "Please stop texting me", "remove me from your list", "no más mensajes por favor",
        "arrêtez de m'envoyer des messages", "wrong number, stop", "unsubscibe",
    ];

    /// <summary>A pool of valid senders (libphonenumber checks each): US, CA, MX and GB mobiles.</summary>
    public static List<string> Senders(int count, Random random)
    {
        var prefixes = new[] { "+1415555", "+1416555", "+52551234", "+4474001" };
        var result = new HashSet<string>();
        var guard = 0;
        while (result.Count < count && guard++ < count * 20)
        {
            var prefix = prefixes[random.Next(prefixes.Length)];
            var digits = prefix.StartsWith("+4474", StringComparison.Ordinal) ? 5 : 4;
            var candidate = prefix + random.Next((int)Math.Pow(10, digits)).ToString($"D{digits}", System.Globalization.CultureInfo.InvariantCulture);
            if (E164.Normalize(candidate) == candidate)
            {
                result.Add(candidate);
            }
        }

        return [.. result];
    }

    /// <summary>A body: a keyword about one time in three, else a free-text opt-out request <paramref name="optOutsPerThousand"/> times in 1,000, else conversation.</summary>
    public static (string Body, bool Keyword) Body(Random random, int optOutsPerThousand)
    {
        if (random.Next(3) == 0)
        {
            return (Keywords[random.Next(Keywords.Length)], true);
        }

        return random.Next(1000) < optOutsPerThousand * 3 / 2
            ? (FreeTextOptOuts[random.Next(FreeTextOptOuts.Length)], false)
            : (Chatter[random.Next(Chatter.Length)], false);
    }
}
