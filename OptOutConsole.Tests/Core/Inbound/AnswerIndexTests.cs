using OptOutConsole.Core.Inbound;

namespace OptOutConsole.Tests.Core.Inbound;

public sealed class AnswerIndexTests
{
    [Fact]
    public void Add_ThenTryGet_AnswerFoundUnknownNot()
    {
        var index = new AnswerIndex();

        index.Add("SM1", "<Response/>", 1_000);

        Assert.True(index.TryGet("SM1", out var answer));
        Assert.Equal("<Response/>", answer);
        Assert.False(index.TryGet("SM2", out _));
    }

    [Fact]
    public void Add_SameSidTwice_FirstAnswerKept()
    {
        var index = new AnswerIndex();

        index.Add("SM1", "first", 1_000);
        index.Add("SM1", "second", 2_000);

        Assert.True(index.TryGet("SM1", out var answer));
        Assert.Equal("first", answer);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void RemoveOldest_SidWithTwoRows_KnownUntilItsLastRowGoes()
    {
        var index = new AnswerIndex();
        index.Add("SM1", "a", 1_000);
        index.Add("SM2", "b", 1_001);
        index.Add("SM1", "a", 1_002);

        index.RemoveOldest(1);
        Assert.True(index.TryGet("SM1", out _));
        index.RemoveOldest(2);
        Assert.False(index.TryGet("SM1", out _));
        Assert.False(index.TryGet("SM2", out _));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Prunable_OlderThanCutoff_CountedNewerKept()
    {
        var index = new AnswerIndex();
        index.Add("old", "a", 1_000);
        index.Add("edge", "a", 2_000);
        index.Add("new", "a", 3_000);

        var n = index.Prunable(olderThan: 2_000, keep: 10, max: 100);
        index.RemoveOldest(n);

        Assert.Equal(1, n);
        Assert.False(index.TryGet("old", out _));
        Assert.True(index.TryGet("edge", out _));
        Assert.True(index.TryGet("new", out _));
    }

    [Fact]
    public void Prunable_BeyondRowLimit_OldestCounted()
    {
        var index = new AnswerIndex();
        for (var i = 0; i < 10; i++)
        {
            index.Add($"SM{i}", "a", 1_000 + i);
        }

        var n = index.Prunable(olderThan: 0, keep: 3, max: 100);
        index.RemoveOldest(n);

        Assert.Equal(7, n);
        Assert.Equal(3, index.Count);
        Assert.False(index.TryGet("SM6", out _));
        Assert.True(index.TryGet("SM7", out _));
        Assert.True(index.TryGet("SM9", out _));
    }

    [Fact]
    public void Prunable_ManyDue_AtMostMaxPerBatch()
    {
        var index = new AnswerIndex();
        for (var i = 0; i < 10; i++)
        {
            index.Add($"SM{i}", "a", 1_000 + i);
        }

        Assert.Equal(4, index.Prunable(olderThan: 5_000, keep: 100, max: 4));
        Assert.Equal(0, index.Prunable(olderThan: 0, keep: 100, max: 4));
    }

    [Fact]
    public void Add_EqualAnswers_OneSharedString()
    {
        var index = new AnswerIndex();

        index.Add("SM1", new string('x', 3), 1);
        index.Add("SM2", new string('x', 3), 2);

        index.TryGet("SM1", out var a);
        index.TryGet("SM2", out var b);
        Assert.Same(a, b);
    }
}
