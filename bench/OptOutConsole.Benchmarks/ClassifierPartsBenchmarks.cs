using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Benchmarks;

/// <summary>Where a classification's time goes: the fold alone, the span lookup alone, against the same floor.</summary>
[MemoryDiagnoser]
public class ClassifierPartsBenchmarks
{
    private FrozenDictionary<string, int> _floor = null!;
    private FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private char[] _buffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var keys = ClassifierBenchmarks.FullServiceKeys();
        _floor = keys.Select((k, i) => (k, i)).ToFrozenDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        _spanLookup = _floor.GetAlternateLookup<ReadOnlySpan<char>>();
        _buffer = new char[MatchKeyFolder.BufferLength(MatchKey.MaxLength)];
    }

    [Benchmark(Baseline = true, Description = "floor: FrozenDictionary[\"STOP\"]")]
    public int Floor() => _floor.TryGetValue("STOP", out var v) ? v : -1;

    [Benchmark(Description = "span lookup of \"STOP\"")]
    public int SpanLookup() => _spanLookup.TryGetValue("STOP".AsSpan(), out var v) ? v : -1;

    [Benchmark(Description = "fold \"STOP\"")]
    public int FoldStop() => MatchKeyFolder.Fold("STOP", _buffer);

    [Benchmark(Description = "fold \" Stop! \"")]
    public int FoldPunctuated() => MatchKeyFolder.Fold(" Stop! ", _buffer);

    [Benchmark(Description = "fold 50-char text")]
    public int FoldLong() => MatchKeyFolder.Fold("Can I move my reservation to 8pm tonight? Thanks!!", _buffer);
}
