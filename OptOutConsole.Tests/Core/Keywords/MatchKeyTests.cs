using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Tests.Core.Keywords;

public sealed class MatchKeyTests
{
    [Theory]
    [InlineData("stop", "STOP")]
    [InlineData(" Stop. ", "STOP")]
    [InlineData("S.T.O.P", "STOP")]
    [InlineData("Arrêt", "ARRET")]
    [InlineData("opt-out", "OPTOUT")]
    [InlineData("stop all", "STOPALL")]
    [InlineData("ＳＴＯＰ", "STOP")]
    [InlineData("退订", "退订")]
    [InlineData("🛑", "")]
    public void Compute_DesignExamples_MatchKey(string text, string expected)
    {
        var key = MatchKey.Compute(text);

        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("ST\uD800OP", "STOP")]
    [InlineData("\uDC00", "")]
    [InlineData("stop\uFFFE", "STOP")]
    public void Compute_IllFormedText_NoExceptionSameAsFastPath(string text, string expected)
    {
        var key = MatchKey.Compute(text);

        Assert.Equal(expected, key);
        Span<char> buffer = stackalloc char[MatchKeyFolder.BufferLength(MatchKey.MaxLength)];
        Assert.Equal(expected, buffer[..MatchKeyFolder.Fold(text, buffer)].ToString());
    }
}
