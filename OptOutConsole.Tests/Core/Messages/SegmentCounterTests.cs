using OptOutConsole.Core.Messages;

namespace OptOutConsole.Tests.Core.Messages;

public sealed class SegmentCounterTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(160, 160, 1)]
    [InlineData(161, 161, 2)]
    [InlineData(306, 306, 2)]
    [InlineData(307, 307, 3)]
    [InlineData(459, 459, 3)]
    [InlineData(460, 460, 4)]
    [InlineData(1600, 1600, 11)]
    public void Count_GsmLength_Segments(int length, int units, int segments)
    {
        var text = new string('a', length);

        var count = SegmentCounter.Count(text);

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(units, count.Units);
        Assert.Equal(segments, count.Segments);
    }

    [Theory]
    [InlineData("€", 2, 1)]
    [InlineData("{}[]~|^\\", 16, 1)]
    [InlineData("\f", 2, 1)]
    public void Count_ExtensionCharacters_CountTwo(string text, int units, int segments)
    {
        var count = SegmentCounter.Count(text);

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(units, count.Units);
        Assert.Equal(segments, count.Segments);
    }

    [Fact]
    public void Count_158CharsAndEuro_FitsOneSegment()
    {
        var count = SegmentCounter.Count(new string('a', 158) + "€");

        Assert.Equal(160, count.Units);
        Assert.Equal(1, count.Segments);
    }

    [Fact]
    public void Count_159CharsAndEuro_TwoSegments()
    {
        var count = SegmentCounter.Count(new string('a', 159) + "€");

        Assert.Equal(161, count.Units);
        Assert.Equal(2, count.Segments);
    }

    [Fact]
    public void Count_EscapePairAtSegmentBoundary_MovesToNextSegment()
    {
        // 152 + 2 + 152 = 306 septets would fit two segments of 153, but the euro's escape pair cannot straddle.
        var text = new string('a', 152) + "€" + new string('a', 152);

        var count = SegmentCounter.Count(text);

        Assert.Equal(306, count.Units);
        Assert.Equal(3, count.Segments);
    }

    [Fact]
    public void Count_EscapePairJustInsideSegment_StaysInSegment()
    {
        var text = new string('a', 151) + "€" + new string('a', 153);

        var count = SegmentCounter.Count(text);

        Assert.Equal(2, count.Segments);
    }

    [Theory]
    [InlineData("Hello 😀", 8, 1)]
    [InlineData("😀", 2, 1)]
    [InlineData("Arrêt", 5, 1)]
    [InlineData("退订", 2, 1)]
    public void Count_CharacterOutsideGsm_WholeMessageUcs2(string text, int units, int segments)
    {
        var count = SegmentCounter.Count(text);

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal(units, count.Units);
        Assert.Equal(segments, count.Segments);
    }

    [Fact]
    public void Count_OneEmojiInLongGsmText_MakesItUcs2()
    {
        var count = SegmentCounter.Count(new string('a', 100) + "👍");

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal(102, count.Units);
        Assert.Equal(2, count.Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Count_Ucs2Length_Segments(int length, int segments)
    {
        var text = "Ж" + new string('ж', length - 1);

        var count = SegmentCounter.Count(text);

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal(length, count.Units);
        Assert.Equal(segments, count.Segments);
    }

    [Fact]
    public void Count_SurrogatePairAtSegmentBoundary_MovesToNextSegment()
    {
        // 66 + 2 + 66 = 134 units would fit two segments of 67, but the emoji cannot straddle.
        var text = new string('ж', 66) + "😀" + new string('ж', 66);

        var count = SegmentCounter.Count(text);

        Assert.Equal(134, count.Units);
        Assert.Equal(3, count.Segments);
    }

    [Fact]
    public void Count_SurrogatePairEndingSegment_StaysInSegment()
    {
        var text = new string('ж', 65) + "😀" + new string('ж', 67);

        var count = SegmentCounter.Count(text);

        Assert.Equal(2, count.Segments);
    }

    [Fact]
    public void Count_Emoji_OneCharacterTwoUnits()
    {
        var count = SegmentCounter.Count("👍🏽");

        Assert.Equal(1, count.Characters);
        Assert.Equal(4, count.Units);
    }

    [Fact]
    public void Count_Null_ZeroSegments()
    {
        var count = SegmentCounter.Count(null);

        Assert.Equal(0, count.Segments);
    }
}
