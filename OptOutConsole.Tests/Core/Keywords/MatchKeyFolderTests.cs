using System.Globalization;
using System.Text;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Tests.Core.Keywords;

public sealed class MatchKeyFolderTests
{
    /// <summary>Characters that stress the fold: marks, jamo, vowel signs that compose, compatibility forms, emoji.</summary>
    private static readonly string[] Alphabet = BuildAlphabet();

    [Theory]
    [InlineData("stop")]
    [InlineData(" Stop! ")]
    [InlineData("Arrêt")]
    [InlineData("Arre\u0302t")]
    [InlineData("ＳＴＯＰ")]
    [InlineData("退订")]
    [InlineData("СТОП")]
    [InlineData("ﬁn")]
    [InlineData("수신거부")]
    [InlineData("\u1100\u1161\u11A8")]
    [InlineData("\u1100\u0301\u1161")]
    [InlineData("가\u11A8")]
    [InlineData("\u1B05\u1B35")]
    [InlineData("\u0BC6\u0BBE")]
    [InlineData("𝐒𝐓𝐎𝐏")]
    [InlineData("🛑 STOP 🛑")]
    [InlineData("𐐨𐐨")]
    [InlineData("㍿")]
    [InlineData("\uFDFA")]
    [InlineData("")]
    public void Fold_Examples_EqualsReference(string text)
    {
        var expected = MatchKey.Compute(text);

        var actual = FoldFull(text);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Fold_EveryBmpCharacterAlone_EqualsReference()
    {
        var mismatches = new List<string>();

        for (var c = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF or 0xFFFE)
            {
                continue;
            }

            var text = ((char)c).ToString();
            if (FoldFull(text) != MatchKey.Compute(text))
            {
                mismatches.Add($"U+{c:X4}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Fold_EverySupplementaryCodePointAlone_EqualsReference()
    {
        var mismatches = new List<string>();

        for (var cp = 0x10000; cp <= 0x10FFFF; cp++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(cp) is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                continue;
            }

            var text = char.ConvertFromUtf32(cp);
            if (FoldFull(text) != MatchKey.Compute(text))
            {
                mismatches.Add($"U+{cp:X5}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Fold_RandomAdversarialMixes_EqualsReference()
    {
        var random = new Random(20261126);
        var mismatches = new List<string>();

        for (var n = 0; n < 30_000; n++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 24);
            for (var i = 0; i < length; i++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var text = sb.ToString();
            var expected = MatchKey.Compute(text);
            if (FoldFull(text) != expected || FoldBounded(text) != (expected.Length <= MatchKey.MaxLength ? expected : null))
            {
                mismatches.Add(Escape(text));
            }
        }

        Assert.Empty(mismatches.Take(20));
    }

    [Fact]
    public void Fold_AllPairsOfCompositionCandidates_EqualsReference()
    {
        var candidates = Alphabet.Where(s => s.Length == 1 || char.IsSurrogatePair(s, 0)).ToArray();
        var mismatches = new List<string>();

        foreach (var x in candidates)
        {
            foreach (var y in candidates)
            {
                var text = x + y;
                if (FoldFull(text) != MatchKey.Compute(text))
                {
                    mismatches.Add(Escape(text));
                }
            }
        }

        Assert.Empty(mismatches.Take(20));
    }

    [Theory]
    [InlineData(1600, "stop ")]
    [InlineData(100, ".")]
    [InlineData(40, "ab")]
    public void Fold_LongBody_MatchesReferenceOrTooLong(int repeat, string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeat)) + "STOP";
        var expected = MatchKey.Compute(text);

        var actual = FoldBounded(text);

        Assert.Equal(expected.Length <= MatchKey.MaxLength ? expected : null, actual);
    }

    [Theory]
    [InlineData("ST\uD800OP", "STOP")]
    [InlineData("\uDC00STOP", "STOP")]
    [InlineData("STOP\uD83D", "STOP")]
    [InlineData("ST\uFFFEOP", "STOP")]
    [InlineData("\u1100\uD800\u1161", "\u1100\u1161")]
    public void Fold_LoneSurrogate_ReadAsReplacementCharacter(string text, string expected)
    {
        var actual = FoldFull(text);

        Assert.Equal(expected, actual);
    }

    private static string FoldFull(string text)
    {
        var max = (text.Length * 18) + 8;
        var buffer = new char[MatchKeyFolder.BufferLength(max)];
        var n = MatchKeyFolder.Fold(text, buffer, max);
        return n < 0 ? "<too long>" : new string(buffer, 0, n);
    }

    private static string? FoldBounded(string text)
    {
        Span<char> buffer = stackalloc char[MatchKeyFolder.BufferLength(MatchKey.MaxLength)];
        var n = MatchKeyFolder.Fold(text, buffer);
        return n < 0 ? null : buffer[..n].ToString();
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:X4}"));

    private static string[] BuildAlphabet()
    {
        var items = new List<string>();
        items.AddRange(["a", "S", "t", "0", "9", " ", "-", ".", "!", "é", "ß", "ı", "İ", "ﬁ", "ﬀ", "Ａ", "ｓ", "㍿", "㈱", "½", "Ⅻ", "ǅ"]);
        items.AddRange(["\u0301", "\u0308", "\u0327", "\u0345", "\u0F73", "\u302E", "\u3099", "\u309A", "カ", "ｶ", "ﾞ", "\u200D", "\uFE0F"]);
        items.AddRange(["🛑", "👍", "👍🏽", "🇨🇦", "𝐒", "𝟘", "🄰", "𐐨", "𠀋", "\U0001D15E", "\U0001D165", "\U0001D16E"]);
        for (var cp = 0x1100; cp <= 0x11FF; cp += 7)
        {
            items.Add(((char)cp).ToString()); // conjoining jamo, a sample of L, V and T
        }

        items.AddRange(["\u1100", "\u1161", "\u11A8", "가", "각", "한", "\u3131", "\u314F"]);
        items.AddRange(["\u0B47", "\u0B3E", "\u0B56", "\u0B57", "\u0BC6", "\u0BC7", "\u0BBE", "\u0BD7", "\u0B92", "\u0CBF", "\u0CC6", "\u0CD5", "\u0CD6", "\u0CCA"]);
        items.AddRange(["\u0D46", "\u0D47", "\u0D3E", "\u0D57", "\u0DD9", "\u0DCF", "\u0DDF", "\u0DCA", "\u09C7", "\u09BE", "\u09D7", "\u0C46", "\u0C56"]);
        items.AddRange(["\u1B05", "\u1B35", "\u1B07", "\u1B3A", "\u1B3C", "\u1B3E", "\u1B42", "\u1B11", "\u1025", "\u102E"]);
        items.AddRange(["\U00011099", "\U000110BA", "\U00011131", "\U00011127", "\U00011347", "\U0001133E", "\U00011357", "\U000114B9", "\U000114BA", "\U000114B0", "\U000115B8", "\U000115AF", "\U00011935", "\U00011930"]);
        items.AddRange(["Ω", "Å", "\u212B", "\u2126", "\u0344", "\u1FEE", "ᾷ", "\u0985", "\u0986"]);
        return [.. items];
    }
}
