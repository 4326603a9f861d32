using BenchmarkDotNet.Attributes;
using OptOutConsole.Core.Intent;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Benchmarks;

/// <summary>
/// Reasonable-means opt-out detection (docs/intent-detection.md): the common case is a text that is no opt-out,
/// which must cost at most 2 µs and allocate nothing; a detection allocates only its phrase.
/// </summary>
[MemoryDiagnoser]
public class IntentBenchmarks
{
    private const string LongOrdinary =
        "Hi! We loved the omakase last night, could you send the menu again? Also is the parking lot behind the store open on Sundays or should we park on Main St. instead?";

    private const string ShortOrdinary = "ok thanks, see you at 7!";

    private const string LongOptOut =
        "Hi, I used to be a customer but I moved out of state last year. Please remove me from your text list so I don't get these anymore. Thanks so much for everything, bye!";

    private const string Typo = "Stpo";

    private OptOutIntentDetector _detector = null!;

    [GlobalSetup]
    public void Setup()
    {
        _detector = OptOutIntentDetector.Build([.. DefaultKeywords.OptOut, "BAJA", "ALTO", "ARRÊT", "DÉSABONNER"]);
        if (LongOrdinary.Length < 160 || LongOptOut.Length < 160 || _detector.Detect(LongOrdinary).Phrase is not null || !_detector.Detect(LongOptOut).IsOptOut)
        {
            throw new InvalidOperationException("The benchmark texts no longer say what their names say.");
        }
    }

    [Benchmark(Baseline = true, Description = "160-char ordinary text")]
    public IntentResult LongOrdinaryText() => _detector.Detect(LongOrdinary);

    [Benchmark(Description = "short ordinary text")]
    public IntentResult ShortOrdinaryText() => _detector.Detect(ShortOrdinary);

    [Benchmark(Description = "160-char opt-out request")]
    public IntentResult LongOptOutRequest() => _detector.Detect(LongOptOut);

    [Benchmark(Description = "typo \"Stpo\"")]
    public IntentResult TypoOfKeyword() => _detector.Detect(Typo);
}
