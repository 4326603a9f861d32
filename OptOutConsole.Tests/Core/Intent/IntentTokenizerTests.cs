using OptOutConsole.Core.Intent;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Tests.Core.Intent;

public sealed class IntentTokenizerTests
{
    [Theory]
    [InlineData("stop texting me", "STOP TEXTING ME")]
    [InlineData("Don't stop", "DONT STOP")]
    [InlineData("I’m done", "IM DONE")]
    [InlineData("you're, we'll, I've, it's, he'd", "YOURE WELL IVE ITS HED")]
    [InlineData("arrêtez de m'écrire", "ARRETEZ DE M ECRIRE")]
    [InlineData("l'arrêt", "L ARRET")]
    [InlineData("j'en ai marre", "J EN AI MARRE")]
    [InlineData("quítenme", "QUITENME")]
    [InlineData("Sto\u0301p", "STOP")]
    [InlineData("enlevez-moi", "ENLEVEZ MOI")]
    [InlineData("opt-out", "OPT OUT")]
    [InlineData("stoooop", "STOOP")]
    [InlineData("f***ing STOP**", "F***ING STOP")]
    [InlineData("wrong #", "WRONG #")]
    [InlineData("7pm STOP20", "7PM STOP20")]
    [InlineData("ＳＴＯＰ", "STOP")]
    [InlineData("stop😡now", "STOP NOW")]
    public void Tokenize_Text_FoldedWords(string text, string expected)
    {
        var words = Words(text);

        Assert.Equal(expected, string.Join(' ', words));
    }

    [Fact]
    public void Tokenize_Word_FoldEqualsMatchKey()
    {
        foreach (var word in new[] { "Arrêt", "désabonner", "QUÍTENME", "ﬁn", "Straße", "ｓｔｏｐ", "ÉNOUGH" })
        {
            Assert.Equal(MatchKey.Compute(word), Assert.Single(Words(word)));
        }
    }

    [Theory]
    [InlineData("who gave you my number? stop", 2)]
    [InlineData("stop, please. now! ok; fine: yes\nno", 7)]
    [InlineData("¿cuándo termina la oferta? gracias", 2)]
    [InlineData("STOP 😡 I never signed up", 2)]
    public void Tokenize_Punctuation_SplitsClauses(string text, int clauses)
    {
        var tokens = Tokens(text, out _);

        Assert.Equal(clauses, tokens.Select(t => t.ClauseStart).Distinct().Count());
    }

    [Fact]
    public void Tokenize_Questions_Marked()
    {
        var tokens = Tokens("¿cuándo termina? ok. stop?", out _);

        Assert.Equal([true, true, false, true], tokens.Select(t => (t.Flags & IntentTokenFlags.Question) != 0));
    }

    [Fact]
    public void Tokenize_Words_KnowWhereTheyWereWritten()
    {
        const string text = "  Don’t  text   me, ARRÊTEZ!";

        var tokens = Tokens(text, out _);

        Assert.Equal(["Don’t", "text", "me", "ARRÊTEZ"], tokens.Select(t => text[t.SourceStart..t.SourceEnd]));
    }

    [Fact]
    public void Tokenize_Emoji_DelightNoticed()
    {
        Tokens("stop 😂", out var delight);
        Tokens("stop 😡", out var anger);

        Assert.True(delight);
        Assert.False(anger);
    }

    [Fact]
    public void Tokenize_AsciiFastPath_SameAsGeneralTokenizer()
    {
        var texts = IntentTestData.Labelled().Select(r => r.Text)
            .Concat(["don't", "'quoted'", "rock'n'roll", "a'b", "x''y", "I'd've", "STOP**", "**stop", "f**k off", "7:30pm", "#1", "a#b", "...", ""]);

        foreach (var text in texts)
        {
            var fast = Tokens(text, out _);
            var general = new IntentToken[text.Length + 8];
            var fold = new char[(text.Length * 4) + 64];
            var count = IntentTokenizer.TokenizeGeneral(text, fold, general, out _);

            Assert.Equal(general[..count], fast);
        }
    }

    [Fact]
    public void Tokenize_BuffersTooSmall_SaysSo()
    {
        Assert.Equal(-1, IntentTokenizer.Tokenize("stop texting me", new char[4], new IntentToken[8], out _));
        Assert.Equal(-1, IntentTokenizer.Tokenize("a b c d e", new char[64], new IntentToken[2], out _));
    }

    private static IntentToken[] Tokens(string text, out bool delight)
    {
        var fold = new char[(text.Length * 4) + 64];
        var tokens = new IntentToken[text.Length + 8];
        var count = IntentTokenizer.Tokenize(text, fold, tokens, out delight);
        return tokens[..count];
    }

    private static List<string> Words(string text)
    {
        var fold = new char[(text.Length * 4) + 64];
        var tokens = new IntentToken[text.Length + 8];
        var count = IntentTokenizer.Tokenize(text, fold, tokens, out _);
        return tokens[..count].Select(t => new string(fold, t.FoldStart, t.FoldLength)).ToList();
    }
}
