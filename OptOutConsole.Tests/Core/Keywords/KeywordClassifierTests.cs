using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Messages;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Tests.Core.Keywords;

public sealed class KeywordClassifierTests
{
    private const string Us = "+14155550123";
    private const string Ca = "+14165550123";
    private const string Mx = "+525512345678";
    private const string Gb = "+447400123456";

    private static readonly KeywordClassifier Classifier = KeywordClassifier.Build(SushiRewards());

    [Theory]
    // DESIGN 3.1: whole-message match keys.
    [InlineData(Us, "stop", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, " Stop. ", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "STOP!!", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "\"stop\"", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "S.T.O.P", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "opt-out", "STOP", "OPTOUT", "global", "en", "G-STOP")]
    [InlineData(Us, "Opt out", "STOP", "OPTOUT", "global", "en", "G-STOP")]
    [InlineData(Us, "stop all", "STOP", "STOPALL", "global", "en", "G-STOP")]
    [InlineData(Us, "STOPALL", "STOP", "STOPALL", "global", "en", "G-STOP")]
    [InlineData(Us, "Unsubscribe", "STOP", "UNSUBSCRIBE", "global", "en", "G-STOP")]
    [InlineData(Us, "cancel", "STOP", "CANCEL", "global", "en", "G-STOP")]
    [InlineData(Us, "END", "STOP", "END", "global", "en", "G-STOP")]
    [InlineData(Us, "quit.", "STOP", "QUIT", "global", "en", "G-STOP")]
    [InlineData(Us, "Revoke", "STOP", "REVOKE", "global", "en", "G-STOP")]
    [InlineData(Us, "optout", "STOP", "OPTOUT", "global", "en", "G-STOP")]
    [InlineData(Us, "nomore", "STOP", "NOMORE", "global", "en", "G-STOP")]
    [InlineData(Us, "stop please", null, null, null, "en", null)]
    [InlineData(Us, "please stop", null, null, null, "en", null)]
    [InlineData(Us, "STOP2", null, null, null, "en", null)]
    [InlineData(Us, "", null, null, null, "en", null)]
    [InlineData(Us, "   ", null, null, null, "en", null)]
    [InlineData(Us, "\t\r\n", null, null, null, "en", null)]
    [InlineData(Us, "🛑", null, null, null, "en", null)]
    [InlineData(Us, "🛑👍🏽🇨🇦", null, null, null, "en", null)]
    [InlineData(Us, "!!!", null, null, null, "en", null)]
    [InlineData(Us, "2024", null, null, null, "en", null)]
    [InlineData(Us, "start", "START", "START", "global", "en", "G-START")]
    [InlineData(Us, "Yes", "START", "YES", "global", "en", "G-START")]
    [InlineData(Us, "un-stop", "START", "UNSTOP", "global", "en", "G-START")]
    [InlineData(Us, "sushi", "START", "Sushi", "global", "en", "G-START")]
    [InlineData(Us, "join 2024", "START", "JOIN2024", "global", "en", "G-START")]
    [InlineData(Us, "JOIN2024!", "START", "JOIN2024", "global", "en", "G-START")]
    [InlineData(Us, "help", "HELP", "HELP", "global", "en", "G-HELP")]
    [InlineData(Us, "Info?", "HELP", "INFO", "global", "en", "G-HELP")]
    [InlineData(Us, "ＳＴＯＰ", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "ｓｔｏｐ", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "𝐒𝐓𝐎𝐏", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "Stop 🛑", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "STOP\n", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "s-t-o-p", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "Stöp", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Us, "Sto\u0301p", "STOP", "STOP", "global", "en", "G-STOP")]
    // Language sets: the first set in the order that holds the key answers and names the language.
    [InlineData(Us, "Baja", "STOP", "BAJA", "language es", "es", "ES-STOP")]
    [InlineData(Us, "baja.", "STOP", "BAJA", "language es", "es", "ES-STOP")]
    [InlineData(Us, "ALTO", "STOP", "ALTO", "language es", "es", "ES-STOP")]
    [InlineData(Us, "alta", "START", "ALTA", "global", "es", "G-START")]
    [InlineData(Us, "ayuda", "HELP", "AYUDA", "language es", "es", "ES-HELP")]
    [InlineData(Us, "Arrêt", "STOP", "ARRÊT", "language fr", "fr", "FR-STOP")]
    [InlineData(Us, "ARRET", "STOP", "ARRÊT", "language fr", "fr", "FR-STOP")]
    [InlineData(Us, "arret!", "STOP", "ARRÊT", "language fr", "fr", "FR-STOP")]
    [InlineData(Us, "ＡＲＲＥＴ", "STOP", "ARRÊT", "language fr", "fr", "FR-STOP")]
    [InlineData(Us, "désabonner", "STOP", "DÉSABONNER", "language fr", "fr", "FR-STOP")]
    [InlineData(Us, "Desabonner", "STOP", "DÉSABONNER", "language fr", "fr", "FR-STOP")]
    [InlineData(Us, "début", "START", "DÉBUT", "language fr", "fr", "FR-START")]
    [InlineData(Us, "aide", "HELP", "AIDE", "language fr", "fr", "FR-HELP")]
    [InlineData(Us, "Abmelden", "STOP", "ABMELDEN", "language de", "de", "DE-STOP")]
    [InlineData(Us, "hilfe", "HELP", "HILFE", "global", "de", "G-HELP")]
    [InlineData(Us, "退订", "STOP", "退订", "language zh", "zh", "ZH-STOP")]
    [InlineData(Us, "退 订", "STOP", "退订", "language zh", "zh", "ZH-STOP")]
    [InlineData(Us, "帮助", "HELP", "帮助", "language zh", "zh", "ZH-HELP")]
    [InlineData(Us, "СТОП", "STOP", "СТОП", "language ru", "ru", "RU-STOP")]
    [InlineData(Us, "стоп", "STOP", "СТОП", "language ru", "ru", "RU-STOP")]
    [InlineData(Us, "Старт", "START", "СТАРТ", "global", "ru", "G-START")]
    [InlineData(Us, "STOP СТОП", null, null, null, "en", null)]
    [InlineData(Us, "Baja STOP", null, null, null, "en", null)]
    [InlineData(Us, "stop退订", null, null, null, "en", null)]
    // Mexico: a country set with its own keywords and replies.
    [InlineData(Mx, "Baja", "STOP", "BAJA", "language es", "es", "ES-STOP")]
    [InlineData(Mx, "STOP", "STOP", "STOP", "country MX", "en", "MX-STOP")]
    [InlineData(Mx, "cancelar", "STOP", "CANCELAR", "country MX", "en", "MX-STOP")]
    [InlineData(Mx, "Acepto", "START", "ACEPTO", "country MX", "en", "MX-START")]
    [InlineData(Mx, "start", "START", "START", "country MX", "en", "MX-START")]
    [InlineData(Mx, "alta", "START", "ALTA", "country MX", "es", "MX-START")]
    [InlineData(Mx, "help", "HELP", "HELP", "global", "en", "G-HELP")]
    [InlineData(Mx, "ayuda", "HELP", "AYUDA", "language es", "es", "ES-HELP")]
    [InlineData(Mx, "ayudame", "HELP", "AYUDAME", "global", "en", "G-HELP")]
    // A keyword only a country set holds matches only senders from that country.
    [InlineData(Us, "cancelar", null, null, null, "en", null)]
    [InlineData(Ca, "cancelar", null, null, null, "en", null)]
    [InlineData(Gb, "acepto", null, null, null, "en", null)]
    [InlineData(Us, "unsub", null, null, null, "en", null)]
    [InlineData(Us, "helpme", null, null, null, "en", null)]
    // Canada: English CA override, French language set (DESIGN 3.3 example).
    [InlineData(Ca, "STOP", "STOP", "STOP", "country CA", "en", "CA-STOP")]
    [InlineData(Ca, "ARRET", "STOP", "ARRÊT", "language fr", "fr", "FR-STOP")]
    [InlineData(Ca, "Arrêt", "STOP", "ARRÊT", "language fr", "fr", "FR-STOP")]
    [InlineData(Ca, "start", "START", "START", "global", "en", "G-START")]
    [InlineData(Ca, "help", "HELP", "HELP", "country CA", "en", "CA-HELP")]
    [InlineData(Ca, "aide", "HELP", "AIDE", "language fr", "fr", "FR-HELP")]
    // Great Britain: blank override replies fall back; a country keyword also in a language set.
    [InlineData(Gb, "unsub", "STOP", "UNSUB", "global", "en", "G-STOP")]
    [InlineData(Gb, "BAJA", "STOP", "baja", "language es", "es", "ES-STOP")]
    [InlineData(Gb, "helpme", "HELP", "HELPME", "country GB", "en", "GB-HELP")]
    [InlineData(Gb, "start", "START", "START", "country GB", "en", "GB-START")]
    [InlineData(Gb, "stop", "STOP", "STOP", "global", "en", "G-STOP")]
    [InlineData(Gb, "Alto", "STOP", "ALTO", "language es", "es", "ES-STOP")]
    public void Classify_Message_ExpectedAnswer(
        string from, string body, string? optOutType, string? keyword, string? answeredBy, string language, string? reply)
    {
        var result = Classifier.Classify(from, body);

        Assert.Equal(optOutType, result.OptOutType);
        Assert.Equal(keyword, result.MatchedKeyword);
        Assert.Equal(answeredBy, result.AnsweredBy);
        Assert.Equal(language, result.Language);
        Assert.Equal(reply, result.Reply);
        Assert.Equal(SegmentCounter.Count(reply), result.ReplySegments);
    }

    [Theory]
    [InlineData(Us, null, "US")]
    [InlineData(Ca, null, "CA")]
    [InlineData(Mx, null, "MX")]
    [InlineData(Gb, "MX", "GB")]
    [InlineData("+447700900123", "CA", "CA")]
    [InlineData("not-a-number", "mx", "MX")]
    [InlineData("", "GB", "GB")]
    [InlineData("garbage", null, null)]
    public void Classify_FromNumberAndHint_CountryFromNumberElseHint(string from, string? hint, string? expected)
    {
        var result = Classifier.Classify(from, "stop", hint);

        Assert.Equal(expected, result.Country);
    }

    [Theory]
    [InlineData("not-a-number", "MX", "cancelar", "country MX")]
    [InlineData("+447700900123", "CA", "stop", "country CA")]
    [InlineData(Gb, "MX", "cancelar", null)]
    [InlineData(Ca, "US", "stop", "country CA")]
    public void Classify_CountryHint_UsedOnlyWhenNumberHasNoRegion(string from, string hint, string body, string? answeredBy)
    {
        var result = Classifier.Classify(from, body, hint);

        Assert.Equal(answeredBy, result.AnsweredBy);
    }

    [Theory]
    [InlineData("stop", "STOP", "STOP")]
    [InlineData("stop all", "STOP", "STOPALL")]
    [InlineData("cancel", "STOP", "CANCEL")]
    [InlineData("yes", "START", "YES")]
    [InlineData("INFO", "HELP", "INFO")]
    [InlineData("baja", null, null)]
    [InlineData("sushi", null, null)]
    [InlineData("nomore", null, null)]
    [InlineData("cancelar", null, null)]
    [InlineData("Arrêt", null, null)]
    public void Classify_AdvancedOptOutOff_OnlyBuiltInKeywordsWithBuiltInReplies(string body, string? optOutType, string? keyword)
    {
        var config = SushiRewards();
        config.AdvancedOptOutEnabled = false;
        var cut = KeywordClassifier.Build(config);

        var result = cut.Classify(Mx, body);

        Assert.False(cut.AdvancedOptOutEnabled);
        Assert.Equal(optOutType, result.OptOutType);
        Assert.Equal(keyword, result.MatchedKeyword);
        if (result.Category is { } category)
        {
            Assert.Equal("global", result.AnsweredBy);
            Assert.Equal("en", result.Language);
            Assert.Equal(DefaultReplies.For(category, "Sushi Rewards"), result.Reply);
        }
    }

    [Fact]
    public void Classify_LongPunctuationThenKeyword_Matches()
    {
        var body = new string('.', 1600) + "STOP";

        var result = Classifier.Classify(Us, body);

        Assert.Equal("STOP", result.OptOutType);
    }

    [Fact]
    public void Classify_LongSpacedKeyword_Matches()
    {
        var body = string.Join("  ", "STOPALL".ToCharArray()) + new string(' ', 1500);

        var result = Classifier.Classify(Us, body);

        Assert.Equal("STOPALL", result.MatchedKeyword);
    }

    [Fact]
    public void Classify_LongText_NoMatch()
    {
        var body = string.Concat(Enumerable.Repeat("Please stop sending me these messages. ", 42))[..1600];

        var result = Classifier.Classify(Us, body);

        Assert.False(result.IsMatch);
        Assert.Null(result.Reply);
        Assert.Equal(0, result.ReplySegments.Segments);
    }

    [Fact]
    public void Classify_KeywordRepeated_NoMatch()
    {
        var body = string.Concat(Enumerable.Repeat("stop ", 320));

        var result = Classifier.Classify(Us, body);

        Assert.False(result.IsMatch);
    }

    [Fact]
    public void Classify_MexicanSender_ConsidersGlobalLanguagesAndMexico()
    {
        var result = Classifier.Classify(Mx, "hola");

        Assert.Equal(["global", "language es", "language fr", "language de", "language zh", "language ru", "country MX"], result.SetsConsidered);
    }

    [Fact]
    public void Classify_Match_ReportsMatchKey()
    {
        var result = Classifier.Classify(Ca, "Arrêt!");

        Assert.Equal("ARRET", result.MatchKey);
        Assert.Equal(KeywordCategory.OptOut, result.Category);
    }

    [Theory]
    [InlineData("help", true, true, true)]
    [InlineData("help", true, false, false)]
    [InlineData("help", false, false, true)]
    [InlineData("stop", true, false, true)]
    [InlineData("hello", false, true, false)]
    public void ShouldReply_HelpFromBlockedNumber_FollowsReplyToHelpWhenOptedOut(string body, bool blocked, bool replyToHelp, bool expected)
    {
        var config = SushiRewards();
        config.ReplyToHelpWhenOptedOut = replyToHelp;
        var cut = KeywordClassifier.Build(config);
        var result = cut.Classify(Us, body);

        var reply = cut.ShouldReply(result, blocked);

        Assert.Equal(expected, reply);
    }

    [Fact]
    public void Build_ConfigChangedAfterwards_ClassifierUnchanged()
    {
        var config = SushiRewards();
        var cut = KeywordClassifier.Build(config);

        config.Global.OptOut.Reply = "changed";
        config.Global.OptOut.Keywords.Add("HALT");

        Assert.Equal("G-STOP", cut.Classify(Us, "stop").Reply);
        Assert.False(cut.Classify(Us, "halt").IsMatch);
    }

    [Fact]
    public void Classify_RepeatedSender_AllocatesNothing()
    {
        string[] bodies = [" Stop! ", "STOP", "stop all", "Arrêt", "ＳＴＯＰ", "退订", "СТОП", "cancelar", "no keyword here at all"];
        foreach (var body in bodies)
        {
            Classifier.Classify(Mx, body);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var body in bodies)
        {
            Classifier.Classify(Mx, body);
            Classifier.ClassifyForCountry(body, "CA");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOPQRST", "twenty letters")]
    [InlineData("abcdefghij klmnopqrst u", "twenty-one letters")]
    [InlineData("A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5", "thirty")]
    [InlineData("stop 2024", "digits")]
    [InlineData("Q", "one letter")]
    public void Classify_KeysAroundThePackedLength_MatchWholeKeysOnly(string keyword, string description)
    {
        var config = DefaultReplies.NewConfig("Lengths");
        config.Global.OptOut.Keywords.AddRange(["ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRSTU", "A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5", "STOP2024", "Q"]);
        var cut = KeywordClassifier.Build(config);
        var key = MatchKey.Compute(keyword);

        Assert.Equal(key, cut.ClassifyForCountry(keyword, null).MatchKey);
        Assert.Equal(key, cut.ClassifyForCountry($" ..{keyword.ToLowerInvariant()}!! ", "US").MatchKey);
        Assert.False(cut.ClassifyForCountry(keyword + "X", null).IsMatch, description);
        Assert.False(cut.ClassifyForCountry("X" + keyword, null).IsMatch, description);
        var shorter = key[..^1];
        Assert.Equal(cut.MatchKeys.Contains(shorter), cut.ClassifyForCountry(shorter, null).IsMatch);
    }

    [Fact]
    public void Classify_OnlyShortKeysConfigured_LongerAsciiTextIsNoMatchAndNonAsciiStillMatches()
    {
        var cut = KeywordClassifier.Build(DefaultReplies.NewConfig("Short"));

        Assert.False(cut.ClassifyForCountry("stop stop stop stop stop stop", null).IsMatch);
        Assert.Equal("STOP", cut.ClassifyForCountry("ＳＴＯＰ", null).OptOutType);
        Assert.Equal("STOP", cut.ClassifyForCountry("Stöp", null).OptOutType);
    }

    [Theory]
    [InlineData("MX", "country MX")]
    [InlineData("mx", "country MX")]
    [InlineData("Mx", "country MX")]
    [InlineData("GB", "country GB")]
    [InlineData("US", null)]
    [InlineData("ZZ", null)]
    [InlineData("MEX", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ClassifyForCountry_AnySpellingOfTheCountry_FindsItsSet(string? country, string? expectedSet)
    {
        var result = Classifier.ClassifyForCountry("cancelar", country);
        var sets = Classifier.ClassifyForCountry("hola", country).SetsConsidered;

        Assert.Equal(expectedSet == "country MX", result.IsMatch);
        Assert.Equal(expectedSet, sets.Count > 6 ? sets[^1] : null);
        Assert.Equal(expectedSet is null ? country : expectedSet[^2..], result.Country);
    }

    /// <summary>
    /// The packed ASCII path, the general fold and the reference <see cref="MatchKey.Compute"/> agree: a random text
    /// matches exactly when its reference key is a configured key, and then reports that key.
    /// </summary>
    [Fact]
    public void Classify_RandomTexts_MatchExactlyTheReferenceKey()
    {
        var config = SushiRewards();
        config.Global.OptIn.Keywords.AddRange(["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "REWARDS2024NOW"]);
        var cut = KeywordClassifier.Build(config);
        var keys = cut.MatchKeys.ToHashSet(StringComparer.Ordinal);
        var words = cut.MatchKeys.Concat(["Stop", "stöp", "ＳＴＯＰ", "hello", "9", "x", "abcdefghij"]).ToArray();
        string[] noise = [" ", ".", "!", "-", "\u00e9", "\u0301", "😀", "\t", "1", "a", "Ü", "ß", "ﬁ"];
        var random = new Random(20261126);
        for (var i = 0; i < 20_000; i++)
        {
            var parts = new List<string>();
            for (var p = random.Next(1, 4); p > 0; p--)
            {
                parts.Add(random.Next(3) == 0 ? noise[random.Next(noise.Length)] : Mutate(words[random.Next(words.Length)], random));
            }

            var text = string.Concat(parts);
            var key = MatchKey.Compute(text);

            var country = random.Next(2) == 0 ? "MX" : null;

            var result = cut.ClassifyForCountry(text, country);

            // Whether a key answers a sender (a country set's key answers only its country) is the table test's
            // concern; here the text must behave exactly as its key does.
            Assert.Equal(keys.Contains(key) && cut.ClassifyForCountry(key, country).IsMatch, result.IsMatch);
            if (result.IsMatch)
            {
                Assert.Equal(key, result.MatchKey);
            }
        }
    }

    private static string Mutate(string word, Random random) => random.Next(4) switch
    {
        0 => word.ToLowerInvariant(),
        1 => string.Join(random.Next(2) == 0 ? " " : ".", word.ToCharArray()),
        2 => word + word[..Math.Min(word.Length, random.Next(3))],
        _ => word,
    };

    /// <summary>
    /// Five language sets (es, fr, de, zh, ru; ALTO in both es and de: keyword.shadowed) and three country sets
    /// (CA English with French left to the fr set, MX with its own keywords, GB with blank replies).
    /// </summary>
    private static ServiceConfig SushiRewards()
    {
        var config = DefaultReplies.NewConfig("Sushi Rewards");
        config.Global.OptOut.Keywords.Add("NOMORE");
        config.Global.OptOut.Reply = "G-STOP";
        config.Global.OptIn.Keywords.AddRange(["Sushi", "JOIN2024"]);
        config.Global.OptIn.Reply = "G-START";
        config.Global.Help.Reply = "G-HELP";
        config.Languages =
        [
            Language("es", ["BAJA", "ALTO"], "ES-STOP", ["ALTA"], "  ", ["AYUDA"], "ES-HELP"),
            Language("fr", ["ARRÊT", "DÉSABONNER"], "FR-STOP", ["DÉBUT"], "FR-START", ["AIDE"], "FR-HELP"),
            Language("de", ["ABMELDEN", "ALTO"], "DE-STOP", ["ANMELDEN"], "DE-START", ["HILFE"], ""),
            Language("zh", ["退订"], "ZH-STOP", [], null, ["帮助"], "ZH-HELP"),
            Language("ru", ["СТОП"], "RU-STOP", ["СТАРТ"], null, [], null),
        ];
        config.Countries =
        [
            Country("CA", [], "CA-STOP", [], "", [], "CA-HELP"),
            Country("MX", ["CANCELAR"], "MX-STOP", ["ACEPTO"], "MX-START", ["AYUDAME"], " "),
            Country("GB", ["UNSUB", "baja"], "", [], "GB-START", ["HELPME"], "GB-HELP"),
        ];
        return config;
    }

    private static LanguageOverride Language(
        string code, List<string> optOut, string? optOutReply, List<string> optIn, string? optInReply, List<string> help, string? helpReply)
    {
        var set = new LanguageOverride { Language = code };
        Fill(set, optOut, optOutReply, optIn, optInReply, help, helpReply);
        return set;
    }

    private static CountryOverride Country(
        string code, List<string> optOut, string? optOutReply, List<string> optIn, string? optInReply, List<string> help, string? helpReply)
    {
        var set = new CountryOverride { Country = code };
        Fill(set, optOut, optOutReply, optIn, optInReply, help, helpReply);
        return set;
    }

    private static void Fill(
        KeywordSet set, List<string> optOut, string? optOutReply, List<string> optIn, string? optInReply, List<string> help, string? helpReply)
    {
        set.OptOut = new CategoryConfig { Keywords = optOut, Reply = optOutReply };
        set.OptIn = new CategoryConfig { Keywords = optIn, Reply = optInReply };
        set.Help = new CategoryConfig { Keywords = help, Reply = helpReply };
    }
}
