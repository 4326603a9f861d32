using Bunit;
using OptOutConsole.Components.Pages.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Services;

public sealed class ReplyCounterTests : MudBunitContext
{
    [Fact]
    public void Render_161GsmCharacters_TwoSegments()
    {
        var cut = Render<ReplyCounter>(p => p.Add(x => x.Text, new string('a', 161)));

        Assert.Equal("161 characters · GSM-7 · 2 segments", cut.Find("[data-testid='reply-counter']").TextContent.Trim());
    }

    [Fact]
    public void Render_160GsmCharacters_OneSegment()
    {
        var cut = Render<ReplyCounter>(p => p.Add(x => x.Text, new string('a', 160)));

        Assert.Equal("160 characters · GSM-7 · 1 segment", cut.Find("[data-testid='reply-counter']").TextContent.Trim());
    }

    [Fact]
    public void Render_ReplyWithEmoji_Ucs2()
    {
        var cut = Render<ReplyCounter>(p => p.Add(x => x.Text, "Thanks 🍣"));

        Assert.Equal("8 characters · UCS-2 · 1 segment", cut.Find("[data-testid='reply-counter']").TextContent.Trim());
    }

    [Fact]
    public void Render_EmojiReplyOver70Units_SplitsIntoUcs2Segments()
    {
        var cut = Render<ReplyCounter>(p => p.Add(x => x.Text, "🍣" + new string('a', 69)));

        Assert.Equal("70 characters · UCS-2 · 2 segments", cut.Find("[data-testid='reply-counter']").TextContent.Trim());
    }
}
