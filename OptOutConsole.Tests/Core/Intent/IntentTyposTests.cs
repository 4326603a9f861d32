using OptOutConsole.Core.Intent;

namespace OptOutConsole.Tests.Core.Intent;

public sealed class IntentTyposTests
{
    [Theory]
    [InlineData("STOP", "STPO")]
    [InlineData("STOP", "SOTP")]
    [InlineData("STOP", "TSOP")]
    [InlineData("STOP", "STO")]
    [InlineData("STOP", "STOPP")]
    [InlineData("STOP", "STOOP")]
    [InlineData("STOP", "SYOP")]
    [InlineData("UNSUBSCRIBE", "UNSUBSRIBE")]
    [InlineData("UNSUBSCRIBE", "UNSUBSCIBE")]
    [InlineData("CANCEL", "CANCLE")]
    public void Variants_OneEditKeepingTheFirstLetter_Included(string word, string variant)
    {
        var variants = IntentTypos.Variants(word).Select(v => v.Variant);

        Assert.Contains(variant, variants);
    }

    [Theory]
    [InlineData("STOP", "TOP")]
    [InlineData("STOP", "ATOP")]
    [InlineData("STOP", "XTOP")]
    [InlineData("STOP", "XSTOP")]
    [InlineData("STOP", "STOP")]
    [InlineData("STOP", "SPOT")]
    [InlineData("QUIT", "SUIT")]
    public void Variants_FirstLetterChangedOrTwoEdits_Excluded(string word, string variant)
    {
        var variants = IntentTypos.Variants(word).Select(v => v.Variant);

        Assert.DoesNotContain(variant, variants);
    }

    [Theory]
    [InlineData("END")]
    [InlineData("FIN")]
    [InlineData("ARRÊT")]
    [InlineData("СТОП")]
    public void Variants_ShortOrNotAsciiKeyword_None(string word)
    {
        Assert.Empty(IntentTypos.Variants(word));
    }

    [Fact]
    public void Variants_DoubledLetter_Flagged()
    {
        var variants = IntentTypos.Variants("STOP").GroupBy(v => v.Variant).ToDictionary(g => g.Key, g => g.First().Doubling);

        Assert.True(variants["STOOP"]);
        Assert.True(variants["STOPP"]);
        Assert.False(variants["STOMP"]);
    }

    [Fact]
    public void NeverTypos_HoldsTheRealWordsNearTheKeywords()
    {
        var never = IntentTypos.NeverTypos();

        Assert.Contains("SHOP", never);
        Assert.Contains("STEP", never);
        Assert.Contains("STOPS", never);
        Assert.Contains("QUITE", never);
        Assert.Contains("CANCER", never);
        Assert.DoesNotContain("STOOP", never);
    }
}
