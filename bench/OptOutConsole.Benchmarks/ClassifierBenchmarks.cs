using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Benchmarks;

/// <summary>
/// The classifier against a floor measured in the same run: a bare FrozenDictionary lookup of an already
/// upper-cased ASCII keyword. The service is full: 20 custom keywords in every category of the global set, of five
/// language sets and of five country sets. The sender's country is known (MX, one of the country sets).
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private const string Country = "MX";

    private static readonly string LongBody = BuildLongBody();

    private FrozenDictionary<string, int> _floor = null!;
    private KeywordClassifier _classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _classifier = KeywordClassifier.Build(FullService());
        _floor = _classifier.MatchKeys.Select((k, i) => (k, i)).ToFrozenDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
    }

    [Benchmark(Baseline = true, Description = "floor: FrozenDictionary[\"STOP\"]")]
    public int Floor() => _floor.TryGetValue("STOP", out var v) ? v : -1;

    [Benchmark(Description = "\" Stop! \"")]
    public Classification StopPunctuated() => _classifier.ClassifyForCountry(" Stop! ", Country);

    [Benchmark(Description = "\"STOP\"")]
    public Classification Stop() => _classifier.ClassifyForCountry("STOP", Country);

    [Benchmark(Description = "\"stop all\"")]
    public Classification StopAll() => _classifier.ClassifyForCountry("stop all", Country);

    [Benchmark(Description = "50-char non-keyword")]
    public Classification NonKeyword() => _classifier.ClassifyForCountry("Can I move my reservation to 8pm tonight? Thanks!!", Country);

    [Benchmark(Description = "\"Arrêt\"")]
    public Classification Arret() => _classifier.ClassifyForCountry("Arrêt", Country);

    [Benchmark(Description = "\"ＳＴＯＰ\" (fullwidth)")]
    public Classification Fullwidth() => _classifier.ClassifyForCountry("ＳＴＯＰ", Country);

    [Benchmark(Description = "\"退订\"")]
    public Classification Chinese() => _classifier.ClassifyForCountry("退订", Country);

    [Benchmark(Description = "\"СТОП\"")]
    public Classification Cyrillic() => _classifier.ClassifyForCountry("СТОП", Country);

    [Benchmark(Description = "1,600-char body")]
    public Classification Long() => _classifier.ClassifyForCountry(LongBody, Country);

    [Benchmark(Description = "Classify(from, \"STOP\"), repeated sender")]
    public Classification StopFromNumber() => _classifier.Classify("+525512345678", "STOP");

    /// <summary>The match keys of the full service, for the parts benchmark.</summary>
    public static IReadOnlyList<string> FullServiceKeys() => KeywordClassifier.Build(FullService()).MatchKeys.ToList();

    private static string BuildLongBody()
    {
        const string sentence = "Hi! We loved the omakase last night, could you send the menu again? ";
        return string.Concat(Enumerable.Repeat(sentence, (1600 / sentence.Length) + 1))[..1600];
    }

    private static ServiceConfig FullService()
    {
        var config = DefaultReplies.NewConfig("Sushi Rewards");
        var n = 0;
        string Next(string prefix) => $"{prefix}{Word(n++)}";

        void Fill(KeywordSet set, string prefix, bool withReply)
        {
            foreach (var (_, c) in set.Categories)
            {
                for (var i = 0; i < DefaultKeywords.MaxCustomPerCategory; i++)
                {
                    c.Keywords.Add(Next(prefix));
                }

                if (withReply)
                {
                    c.Reply = $"{prefix} reply: Msg&data rates may apply. Reply HELP for help, STOP to opt out.";
                }
            }
        }

        Fill(config.Global, "G", withReply: false);
        foreach (var language in new[] { "es", "fr", "de", "zh", "ru" })
        {
            var set = new LanguageOverride { Language = language };
            Fill(set, language.ToUpperInvariant(), withReply: true);
            config.Languages.Add(set);
        }

        config.Languages[1].OptOut.Keywords[0] = "ARRÊT";
        config.Languages[3].OptOut.Keywords[0] = "退订";
        config.Languages[4].OptOut.Keywords[0] = "СТОП";
        foreach (var country in new[] { "MX", "CA", "GB", "DE", "FR" })
        {
            var set = new CountryOverride { Country = country };
            Fill(set, "X" + country, withReply: true);
            config.Countries.Add(set);
        }

        return config;
    }

    /// <summary>Letters only (keywords hold letters and digits): 0 → A, 25 → Z, 26 → BA, ...</summary>
    private static string Word(int n)
    {
        var s = string.Empty;
        do
        {
            s = (char)('A' + (n % 26)) + s;
            n /= 26;
        }
        while (n > 0);
        return s;
    }
}
