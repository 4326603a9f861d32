using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Tests.Core.Validation;

public sealed class ConfigValidatorTests
{
    /// <summary>Each row: what it breaks, how, the code and the path it must be reported at.</summary>
    public static TheoryData<string, Action<ServiceConfig>, string, string> Failing => new()
    {
        // keyword.empty / keyword.too-long / keyword.chars
        { "empty keyword", c => c.Global.OptOut.Keywords.Add(""), "keyword.empty", "global.optOut.keywords[8]" },
        { "emoji-only keyword", c => c.Global.OptOut.Keywords.Add("🛑"), "keyword.empty", "global.optOut.keywords[8]" },
        { "punctuation-only keyword", c => c.Languages[0].OptIn.Keywords.Add("!!!"), "keyword.empty", "languages[es].optIn.keywords[1]" },
        { "31-letter keyword", c => c.Global.Help.Keywords.Add(new string('A', 31)), "keyword.too-long", "global.help.keywords[2]" },
        { "bang", c => c.Global.OptOut.Keywords.Add("STOP2!"), "keyword.chars", "global.optOut.keywords[8]" },
        { "leading space", c => c.Global.OptOut.Keywords.Add(" PARA"), "keyword.chars", "global.optOut.keywords[8]" },
        { "trailing space", c => c.Global.OptOut.Keywords.Add("PARA "), "keyword.chars", "global.optOut.keywords[8]" },
        { "double space", c => c.Languages[0].OptOut.Keywords.Add("NO  MAS"), "keyword.chars", "languages[es].optOut.keywords[3]" },
        { "leading hyphen", c => c.Countries[0].Help.Keywords.Add("-AYUDA"), "keyword.chars", "countries[MX].help.keywords[0]" },
        { "emoji inside", c => c.Global.OptIn.Keywords.Add("GO😀"), "keyword.chars", "global.optIn.keywords[3]" },
        { "tab inside", c => c.Global.OptIn.Keywords.Add("GO\tNOW"), "keyword.chars", "global.optIn.keywords[3]" },

        // keyword.limit
        { "21 custom in global opt-out", c => c.Global.OptOut.Keywords.AddRange(Custom("X", 21)), "keyword.limit", "global.optOut.keywords[28]" },
        { "21 in an override", c => c.Languages[0].OptOut.Keywords = Custom("X", 21), "keyword.limit", "languages[es].optOut.keywords[20]" },
        { "21 in a country help", c => c.Countries[1].Help.Keywords = Custom("H", 21), "keyword.limit", "countries[CA].help.keywords[20]" },

        // keyword.duplicate
        { "same key, other case", c => c.Global.OptOut.Keywords.Add("stop"), "keyword.duplicate", "global.optOut.keywords[8]" },
        { "same key, other accents", c => c.Languages[1].OptOut.Keywords.Add("Arret"), "keyword.duplicate", "languages[fr].optOut.keywords[2]" },
        { "same key, punctuation", c => c.Global.OptOut.Keywords.Add("OPT-OUT"), "keyword.duplicate", "global.optOut.keywords[8]" },

        // keyword.conflict
        { "global opt-out vs es opt-in", c => { c.Global.OptOut.Keywords.Add("BAJAR"); c.Languages[0].OptIn.Keywords.Add("BAJAR"); }, "keyword.conflict", "languages[es].optIn.keywords[1]" },
        { "es opt-out vs fr opt-in", c => c.Languages[1].OptIn.Keywords.Add("Baja"), "keyword.conflict", "languages[fr].optIn.keywords[1]" },
        { "reserved word in another category", c => c.Global.OptIn.Keywords.Add("STOP"), "keyword.conflict", "global.optIn.keywords[3]" },
        { "country set vs global", c => c.Countries[0].Help.Keywords.Add("START"), "keyword.conflict", "countries[MX].help.keywords[0]" },

        // keyword.reserved
        { "STOP removed", c => c.Global.OptOut.Keywords.RemoveAt(0), "keyword.reserved", "global.optOut.keywords" },
        { "START removed", c => c.Global.OptIn.Keywords.Remove("START"), "keyword.reserved", "global.optIn.keywords" },
        { "HELP removed", c => c.Global.Help.Keywords.Clear(), "keyword.reserved", "global.help.keywords" },
        { "STOP moved", c => { c.Global.OptOut.Keywords.RemoveAt(0); c.Global.OptOut.Keywords.Add("STOP"); }, "keyword.reserved", "global.optOut.keywords[7]" },
        { "HELP moved", c => c.Global.Help.Keywords.Reverse(), "keyword.reserved", "global.help.keywords[1]" },

        // keyword.shadowed
        { "two language sets", c => c.Languages.Add(Language("pt", optOut: ["ALTO", "PARE"])), "keyword.shadowed", "languages[pt].optOut.keywords[0]" },

        // reply.required / reply.too-long / reply.segments
        { "global opt-out reply empty", c => c.Global.OptOut.Reply = "", "reply.required", "global.optOut.reply" },
        { "global opt-in reply blank", c => c.Global.OptIn.Reply = "   ", "reply.required", "global.optIn.reply" },
        { "global help reply null", c => c.Global.Help.Reply = null, "reply.required", "global.help.reply" },
        { "1601 characters", c => c.Global.Help.Reply = new string('a', 1601), "reply.too-long", "global.help.reply" },
        { "1601 in an override", c => c.Countries[0].OptOut.Reply = new string('a', 1601), "reply.too-long", "countries[MX].optOut.reply" },
        { "161 GSM-7 characters", c => c.Global.OptOut.Reply = Pad(c.Global.OptOut.Reply!, 161), "reply.segments", "global.optOut.reply" },
        { "71 UCS-2 characters", c => c.Languages[1].OptOut.Reply = Pad("Sushi Rewards : vous êtes désabonné.", 71), "reply.segments", "languages[fr].optOut.reply" },

        // override.code
        { "unknown country", c => c.Countries[0].Country = "XX", "override.code", "countries[XX].country" },
        { "country in lower case", c => c.Countries[0].Country = "mx", "override.code", "countries[mx].country" },
        { "duplicate country", c => c.Countries[1].Country = "MX", "override.code", "countries[1].country" },
        { "blank country", c => c.Countries[1].Country = "", "override.code", "countries[1].country" },
        { "unknown language", c => c.Languages[1].Language = "zz", "override.code", "languages[zz].language" },
        { "three-letter language", c => c.Languages[1].Language = "fra", "override.code", "languages[fra].language" },
        { "language override for the default language", c => c.Languages[1].Language = "en", "override.code", "languages[en].language" },
        { "duplicate language", c => c.Languages[1].Language = "es", "override.code", "languages[1].language" },
        { "unknown default language", c => c.DefaultLanguage = "xx", "override.code", "defaultLanguage" },
        { "blank default language", c => c.DefaultLanguage = "", "override.code", "defaultLanguage" },
        { "withdrawn ISO 639-1 code", c => c.DefaultLanguage = "bh", "override.code", "defaultLanguage" },

        // name.*
        { "blank name", c => c.FriendlyName = " ", "name.required", "friendlyName" },
        { "65-character name", c => c.FriendlyName = new string('n', 65), "name.too-long", "friendlyName" },
        { "NUL in the name", c => c.FriendlyName = "Sushi\u0000Rewards", "name.chars", "friendlyName" },
        { "line break in the name", c => c.FriendlyName = "Sushi\nRewards", "name.chars", "friendlyName" },
        { "501-character description", c => c.Description = new string('d', 501), "name.description-too-long", "description" },

        // sender.*
        { "a digit short", c => c.Senders.Add("+1415555012"), "sender.invalid", "senders[2]" },
        { "not E.164 form", c => c.Senders.Add("+1 415 555 0124"), "sender.invalid", "senders[2]" },
        { "no plus", c => c.Senders.Add("14155550124"), "sender.invalid", "senders[2]" },
        { "two digits", c => c.Senders.Add("12"), "sender.invalid", "senders[2]" },
        { "nine digits", c => c.Senders.Add("123456789"), "sender.invalid", "senders[2]" },
        { "letters", c => c.Senders.Add("SUSHI"), "sender.invalid", "senders[2]" },
        { "blank", c => c.Senders.Insert(0, ""), "sender.invalid", "senders[0]" },
        { "too many digits", c => c.Senders.Add("+141555501234"), "sender.invalid", "senders[2]" },
        { "duplicate number", c => c.Senders.Add("+14155550123"), "sender.duplicate", "senders[2]" },
        { "duplicate short code", c => c.Senders.Add("12345"), "sender.duplicate", "senders[2]" },

        // url.*
        { "ftp", c => c.WebhookUrl = "ftp://example.com/hook", "url.invalid", "webhookUrl" },
        { "no scheme", c => c.WebhookUrl = "example.com/hook", "url.invalid", "webhookUrl" },
        { "relative", c => c.WebhookUrl = "/hook", "url.invalid", "webhookUrl" },
        { "no host", c => c.WebhookUrl = "https://", "url.invalid", "webhookUrl" },
        { "surrounding space", c => c.WebhookUrl = " https://example.com/hook", "url.invalid", "webhookUrl" },
        { "javascript", c => c.WebhookUrl = "javascript:alert(1)", "url.invalid", "webhookUrl" },

        // lint.fcc-word
        { "QUIT removed", c => c.Global.OptOut.Keywords.Remove("QUIT"), "lint.fcc-word", "global.optOut.keywords" },
        { "REVOKE removed", c => c.Global.OptOut.Keywords.Remove("REVOKE"), "lint.fcc-word", "global.optOut.keywords" },

        // lint.optout-marketing
        { "https link", c => c.Global.OptOut.Reply += " Deals at https://sushi.example", "lint.optout-marketing", "global.optOut.reply" },
        { "shortener", c => c.Global.OptOut.Reply += " See bit.ly/sushi", "lint.optout-marketing", "global.optOut.reply" },
        { "www", c => c.Global.OptOut.Reply += " www.sushirewards.com", "lint.optout-marketing", "global.optOut.reply" },
        { "percent off", c => c.Global.OptOut.Reply += " Come back for 20% off!", "lint.optout-marketing", "global.optOut.reply" },
        { "sale", c => c.Global.OptOut.Reply += " Don't miss our SALE.", "lint.optout-marketing", "global.optOut.reply" },
        { "free", c => c.Global.OptOut.Reply += " Reply START for a free roll.", "lint.optout-marketing", "global.optOut.reply" },
        { "Spanish oferta", c => c.Languages[0].OptOut.Reply += " Oferta: 2x1.", "lint.optout-marketing", "languages[es].optOut.reply" },
        { "Spanish descuento", c => c.Countries[0].OptOut.Reply += " Vuelve con descuento.", "lint.optout-marketing", "countries[MX].optOut.reply" },
        { "French soldes", c => c.Languages[1].OptOut.Reply = "Sushi Rewards: désabonné. Soldes!", "lint.optout-marketing", "languages[fr].optOut.reply" },
        { "French promo", c => c.Languages[1].OptOut.Reply = "Sushi Rewards: désabonné. Promo -20", "lint.optout-marketing", "languages[fr].optOut.reply" },

        // lint.optin-disclosure
        { "no brand", c => c.Global.OptIn.Reply = "You are subscribed. Msg&data rates may apply. Reply HELP for help, STOP to opt out.", "lint.optin-disclosure", "global.optIn.reply" },
        { "no help", c => c.Global.OptIn.Reply = "Sushi Rewards: subscribed. Msg&data rates may apply. Reply STOP to opt out.", "lint.optin-disclosure", "global.optIn.reply" },
        { "no stop", c => c.Global.OptIn.Reply = "Sushi Rewards: subscribed. Msg&data rates may apply. Reply HELP for help.", "lint.optin-disclosure", "global.optIn.reply" },
        { "no rates", c => c.Global.OptIn.Reply = "Sushi Rewards: subscribed. Reply HELP for help, STOP to opt out.", "lint.optin-disclosure", "global.optIn.reply" },
        { "Spanish without rates", c => c.Languages[0].OptIn.Reply = "Sushi Rewards: alta confirmada. AYUDA para ayuda, BAJA para salir.", "lint.optin-disclosure", "languages[es].optIn.reply" },
        { "country override without brand", c => c.Countries[0].OptIn.Reply = "Alta confirmada. Pueden aplicar tarifas. AYUDA o BAJA.", "lint.optin-disclosure", "countries[MX].optIn.reply" },

        // lint.help-contact
        { "no contact", c => c.Global.Help.Reply = "Sushi Rewards: we are here to help. Reply STOP to opt out.", "lint.help-contact", "global.help.reply" },
        { "short code is no contact", c => c.Languages[0].Help.Reply = "Sushi Rewards: escribe al 12345. BAJA para salir.", "lint.help-contact", "languages[es].help.reply" },

        // lint.canada
        { "CA without French", c => c.Languages.RemoveAt(1), "lint.canada", "countries[CA]" },
        { "AIDE missing", c => c.Languages[1].Help.Keywords = ["SECOURS"], "lint.canada", "countries[CA]" },
        { "ARRET answered by a blank reply", c => c.Languages[1].OptOut.Reply = "", "lint.canada", "countries[CA]" },
        { "ARRET only in the global set", c => { c.Languages.RemoveAt(1); c.Global.OptOut.Keywords.Add("ARRET"); c.Global.Help.Keywords.Add("AIDE"); }, "lint.canada", "countries[CA]" },
    };

    /// <summary>Each row: a change that keeps the document free of every problem.</summary>
    public static TheoryData<string, Action<ServiceConfig>> Passing => new()
    {
        { "unchanged", _ => { } },
        { "Spanish keyword", c => c.Global.OptOut.Keywords.Add("PARAR YA") },
        { "French keyword with accent", c => c.Countries[1].OptOut.Keywords.Add("ARRÊTEZ") },
        { "decomposed accent", c => c.Countries[1].OptOut.Keywords.Add("ARRE\u0302TE") },
        { "Chinese keyword", c => c.Global.OptOut.Keywords.Add("退订") },
        { "Hindi keyword with vowel signs", c => c.Global.OptOut.Keywords.Add("रोकें") },
        { "inner hyphen", c => c.Global.OptIn.Keywords.Add("RE-JOIN") },
        { "30-letter keyword", c => c.Global.Help.Keywords.Add(new string('A', 30)) },
        { "20 custom in global", c => c.Global.OptOut.Keywords.AddRange(Custom("X", 20)) },
        { "20 in an override", c => c.Languages[0].OptOut.Keywords = ["BAJA", .. Custom("X", 19)] },
        { "lower-case STOP first", c => c.Global.OptOut.Keywords[0] = "stop" },
        { "non-FCC default removed", c => c.Global.OptOut.Keywords.Remove("STOPALL") },
        { "same key same category in global and a language", c => { c.Global.OptOut.Keywords.Add("BAJA"); } },
        { "same key same category in language and country", c => c.Countries[0].OptOut.Keywords.Add("BAJA") },
        { "same key in two country sets", c => c.Countries[1].OptOut.Keywords.Add("PARAR") },
        { "blank override replies fall back", c => { c.Languages[0].OptIn.Reply = ""; c.Countries[0].OptOut.Reply = null; } },
                { "160 GSM-7 characters", c => c.Global.OptOut.Reply = Pad(c.Global.OptOut.Reply!, 160) },
        { "no webhook", c => c.WebhookUrl = null },
        { "blank webhook", c => c.WebhookUrl = " " },
        { "http localhost webhook", c => c.WebhookUrl = "http://localhost:5000/sms?x=1" },
        { "senders of several countries", c => c.Senders = ["+447400123456", "+14165550123", "+525512345678", "123", "12345678"] },
        { "no senders", c => c.Senders = [] },
        { "64-character name", c => { c.Languages.Clear(); c.Countries.Clear(); c.FriendlyName = new string('n', 64); SetBrand(c, c.FriendlyName); } },
        { "brand named Deals", c => { c.FriendlyName = "Daily Deals"; SetBrand(c, "Daily Deals"); } },
        { "wholesale is not sale", c => c.Global.OptOut.Reply = "Sushi Rewards: wholesale updates stopped. Reply START to resubscribe." },
        { "e-mail in help", c => c.Global.Help.Reply = "Sushi Rewards: write to help@sushi.example. Reply STOP to opt out." },
        { "phone in help", c => c.Global.Help.Reply = "Sushi Rewards: call +1 (800) 555-0199. Reply STOP to opt out." },
        { "opt-in with opt-out spelled as words", c => c.Global.OptIn.Reply = "Sushi Rewards: subscribed! Message and data rates may apply. Text HELP for help or opt-out to stop." },
        { "no CA override", c => { c.Countries.RemoveAt(1); c.Languages.RemoveAt(1); } },
        { "CA set answers ARRET and AIDE itself", c =>
            {
                c.Languages.RemoveAt(1);
                c.Countries[1].OptOut.Keywords.Add("ARRET");
                c.Countries[1].Help = new() { Keywords = ["AIDE"], Reply = "Sushi Rewards: aide sur https://example.com/aide. Repondez ARRET pour arreter." };
            }
        },
        { "French default language", c => { c.DefaultLanguage = "fr"; c.Languages.RemoveAt(1); c.Languages.Add(Language("en", optOut: ["LEAVE"])); c.Global.OptOut.Keywords.Add("ARRET"); c.Global.Help.Keywords.Add("AIDE"); } },
        { "advanced opt-out off", c => c.AdvancedOptOutEnabled = false },
    };

    [Theory]
    [MemberData(nameof(Failing))]
    public void Validate_BrokenDocument_ReportsCodeAtPath(string change, Action<ServiceConfig> apply, string code, string path)
    {
        var config = TestConfigs.SushiRewards();
        apply(config);

        var problems = ConfigValidator.Validate(config);

        Assert.True(
            problems.Any(p => p.Code == code && p.Path == path),
            $"{change}: expected {code} at {path}, got:\n{string.Join("\n", TestConfigs.Describe(problems))}");
        var problem = problems.First(p => p.Code == code && p.Path == path);
        Assert.Equal(code.StartsWith("lint.", StringComparison.Ordinal) || code is "keyword.shadowed" or "reply.segments", problem.Severity == Severity.Warning);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Theory]
    [MemberData(nameof(Passing))]
    public void Validate_ValidDocument_NoProblems(string change, Action<ServiceConfig> apply)
    {
        var config = TestConfigs.SushiRewards();
        apply(config);

        var problems = ConfigValidator.Validate(config);

        Assert.True(problems.Count == 0, $"{change}:\n{string.Join("\n", TestConfigs.Describe(problems))}");
    }

    [Fact]
    public void Validate_NewConfig_NoErrorsNoWarnings()
    {
        var config = DefaultReplies.NewConfig("Sushi Rewards");

        var problems = ConfigValidator.Validate(config);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_NewConfigRoundTrippedThroughJson_NoProblems()
    {
        var config = ServiceConfig.FromJson(TestConfigs.SushiRewards().ToJson());

        var problems = ConfigValidator.Validate(config);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_KeywordWithPunctuation_MessageNamesKeywordAndCharacter()
    {
        var config = TestConfigs.New();
        config.Global.OptOut.Keywords.Add("STOP2!");

        var problem = Assert.Single(ConfigValidator.Validate(config));

        Assert.Equal("“STOP2!” contains “!”: keywords hold letters, digits and single inner spaces or hyphens only.", problem.Message);
    }

    [Fact]
    public void Validate_KeywordLimit_ReportedOncePerCategory()
    {
        var config = TestConfigs.New();
        config.Global.OptOut.Keywords.AddRange(Custom("X", 25));
        config.Global.OptIn.Keywords.AddRange(Custom("Y", 21));

        var limits = ConfigValidator.Validate(config).Where(p => p.Code == ProblemCodes.KeywordLimit).ToList();

        Assert.Equal(["global.optOut.keywords[28]", "global.optIn.keywords[23]"], limits.Select(p => p.Path));
        Assert.Contains("25 custom keywords", limits[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConflictInThreeSets_ReportsEveryLaterCategoryNotTheFirst()
    {
        var config = TestConfigs.SushiRewards();
        config.Global.OptOut.Keywords.Add("BASTA");
        config.Languages[0].OptIn.Keywords.Add("BASTA");
        config.Countries[0].Help.Keywords.Add("basta");

        var conflicts = ConfigValidator.Validate(config).Where(p => p.Code == ProblemCodes.KeywordConflict).ToList();

        Assert.Equal(["languages[es].optIn.keywords[1]", "countries[MX].help.keywords[0]"], conflicts.Select(p => p.Path));
        Assert.All(conflicts, p => Assert.Contains("global.optOut.keywords[8]", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FccWordsMissing_OneWarningPerWord()
    {
        var config = TestConfigs.New();
        config.Global.OptOut.Keywords = ["STOP", "STOPALL"];

        var words = ConfigValidator.Validate(config).Where(p => p.Code == ProblemCodes.LintFccWord).ToList();

        Assert.Equal(6, words.Count);
        Assert.All(words, p => Assert.Equal("global.optOut.keywords", p.Path));
        Assert.Contains(words, p => p.Message.StartsWith("UNSUBSCRIBE ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OptInLacksSeveralParts_MessageNamesEachMissingPart()
    {
        var config = TestConfigs.New();
        config.Global.OptIn.Reply = "Welcome! Reply HELP for help.";

        var problem = Assert.Single(ConfigValidator.Validate(config));

        Assert.Equal(ProblemCodes.LintOptInDisclosure, problem.Code);
        Assert.Contains("brand", problem.Message, StringComparison.Ordinal);
        Assert.Contains("how to stop", problem.Message, StringComparison.Ordinal);
        Assert.Contains("message-rates", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("how to get help", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SenderOfAnotherService_Taken()
    {
        var config = TestConfigs.SushiRewards();

        var problems = ConfigValidator.Validate(config, new HashSet<string> { "12345", "+15550000000" });

        var problem = Assert.Single(problems);
        Assert.Equal((ProblemCodes.SenderTaken, "senders[1]"), (problem.Code, problem.Path));
    }

    [Fact]
    public void Validate_ManyProblems_OrderedByDocumentPath()
    {
        var config = TestConfigs.SushiRewards();
        config.Countries[0].OptOut.Keywords.Add("!");
        config.Languages[0].Help.Reply = "Sushi Rewards: ayuda. BAJA para salir.";
        config.Global.OptIn.Reply = "";
        config.Global.OptOut.Keywords.Add("stop");
        config.WebhookUrl = "nope";
        config.Senders.Add("1");
        config.DefaultLanguage = "EN";
        config.FriendlyName = "";

        var paths = ConfigValidator.Validate(config).Select(p => p.Path);

        Assert.Equal(
            [
                "friendlyName", "defaultLanguage", "senders[2]", "webhookUrl", "global.optOut.keywords[8]",
                "global.optIn.reply", "languages[es].help.reply",
                "countries[MX].optOut.keywords[1]", "countries[MX].optOut.keywords[1]", // "!": keyword.empty and keyword.chars
            ],
            paths);
    }

    [Fact]
    public void Validate_SameDocumentTwice_SameResult()
    {
        var config = TestConfigs.SushiRewards();
        config.Global.OptOut.Keywords.AddRange(["BAJA", "ALTA", "x!", "", "stop"]);
        config.Languages.Add(Language("pt", optOut: ["ALTO"]));

        var first = ConfigValidator.Validate(config);
        var second = ConfigValidator.Validate(config.Clone());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Validate_UnnormalisedNulls_DoesNotThrow()
    {
        var config = new ServiceConfig
        {
            FriendlyName = null!,
            DefaultLanguage = null!,
            Senders = null!,
            Global = null!,
            Languages = [null!, new LanguageOverride { Language = null!, OptOut = null!, OptIn = new() { Keywords = null!, Reply = "x" } }],
            Countries = null!,
        };

        var problems = ConfigValidator.Validate(config);

        Assert.Contains(problems, p => p.Code == ProblemCodes.NameRequired);
        Assert.Contains(problems, p => p.Code == ProblemCodes.OverrideCode && p.Path == "languages[1].language");
    }

    [Fact]
    public void Validate_HostileStrings_DoesNotThrow()
    {
        var huge = string.Concat(Enumerable.Repeat("a.b-1 ", 50_000));
        var config = TestConfigs.SushiRewards();
        config.FriendlyName = "\uD800" + huge;
        config.Description = huge;
        config.Senders.AddRange(["+" + new string('9', 10_000), "\uDFFF", huge]);
        config.WebhookUrl = "https://" + huge;
        config.Global.OptOut.Keywords.AddRange([huge, "\uD83D", "e\u0301\u0301\u0301", "\u200D", "\u0000", "ＳＴＯＰ２"]);
        config.Global.OptIn.Reply = huge[..1600];
        config.Global.Help.Reply = string.Concat(Enumerable.Repeat("1 ", 800));
        config.Languages.Add(new LanguageOverride { Language = "[x]", OptOut = new() { Keywords = ["a b"], Reply = new string('%', 1000) } });

        var problems = ConfigValidator.Validate(config);

        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Path == "languages[2].language");
    }

    [Fact]
    public void Validate_NullConfig_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ConfigValidator.Validate(null!));
    }

    [Theory]
    [InlineData(KeywordCategory.OptOut, true, new[] { "STOP", "STOPALL", "BAJA", "stop all" }, 1)]
    [InlineData(KeywordCategory.OptOut, false, new[] { "STOP", "BAJA" }, 2)]
    [InlineData(KeywordCategory.OptIn, true, new[] { "START", "YES", "UNSTOP", "ALTA", "SI" }, 2)]
    [InlineData(KeywordCategory.Help, true, new[] { "HELP", "info", "STOP" }, 1)]
    [InlineData(KeywordCategory.Help, true, new string[0], 0)]
    public void CustomKeywordCount_Keywords_CountsThoseBeyondDefaults(KeywordCategory category, bool isGlobal, string[] keywords, int expected)
    {
        var count = ConfigValidator.CustomKeywordCount(category, keywords, isGlobal);

        Assert.Equal(expected, count);
    }

    private static List<string> Custom(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => $"{prefix}{(char)('A' + (i / 26))}{(char)('A' + (i % 26))}").ToList();

    private static string Pad(string text, int length) => text.PadRight(length, '.');

    private static LanguageOverride Language(string code, List<string> optOut) => new()
    {
        Language = code,
        OptOut = new() { Keywords = optOut, Reply = "Sushi Rewards: descadastrado. Responda START para voltar." },
    };

    private static void SetBrand(ServiceConfig config, string brand)
    {
        foreach (var set in config.Sets())
        {
            foreach (var (_, category) in set.Categories)
            {
                category.Reply = category.Reply?.Replace(TestConfigs.Brand, brand, StringComparison.Ordinal);
            }
        }
    }
}
