using Bunit;
using Microsoft.AspNetCore.Components.Web;
using OptOutConsole.Components.Pages.Services;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Services;

public sealed class KeywordCategoryEditorTests : MudBunitContext
{
    private const string InputId = "#keyword-input-global-optOut";

    [Fact]
    public void TypeAndEnter_NewKeyword_AddsChipAndRaisesChanged()
    {
        var category = DefaultReplies.NewConfig("Acme").Global.OptOut;
        var changes = 0;
        var cut = RenderEditor(category, () => changes++);

        cut.Find(InputId).Input("baja");
        cut.Find(InputId).KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-keyword='BAJA']")));
        Assert.Contains("BAJA", category.Keywords);
        Assert.Equal(1, changes);
        Assert.Equal("1 of 20 custom", cut.Find("#keyword-count-global-optOut").TextContent.Trim());
    }

    [Fact]
    public void CloseIcon_CustomKeyword_RemovesChip()
    {
        var category = DefaultReplies.NewConfig("Acme").Global.OptOut;
        category.Keywords.Add("BAJA");
        var cut = RenderEditor(category);

        cut.Find("[data-keyword='BAJA'] .mud-chip-close-button").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-keyword='BAJA']")));
        Assert.DoesNotContain("BAJA", category.Keywords);
    }

    [Fact]
    public void Render_GlobalSet_ReservedChipLockedAndDefaultsMarked()
    {
        var category = DefaultReplies.NewConfig("Acme").Global.OptOut;
        category.Keywords.Add("BAJA");

        var cut = RenderEditor(category);

        Assert.Empty(cut.FindAll("[data-keyword='STOP'] .mud-chip-close-button"));
        Assert.Equal("true", cut.Find("[data-keyword='STOP']").GetAttribute("data-locked"));
        Assert.Equal("true", cut.Find("[data-keyword='QUIT']").GetAttribute("data-default"));
        Assert.NotEmpty(cut.FindAll("[data-keyword='QUIT'] .mud-chip-close-button"));
        Assert.Equal("false", cut.Find("[data-keyword='BAJA']").GetAttribute("data-default"));
    }

    [Fact]
    public void TypeAndEnter_TwentyFirstCustomKeyword_RefusedWithMessage()
    {
        var category = DefaultReplies.NewConfig("Acme").Global.OptOut;
        category.Keywords.AddRange(Enumerable.Range(1, DefaultKeywords.MaxCustomPerCategory).Select(i => $"CUSTOM{i}"));
        var changes = 0;
        var cut = RenderEditor(category, () => changes++);

        cut.Find(InputId).Input("ONEMORE");
        cut.Find(InputId).KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("20 of 20 custom keywords", cut.Find("#keyword-input-error-global-optOut").TextContent, StringComparison.Ordinal));
        Assert.Contains("“ONEMORE” was not added", cut.Find("#keyword-input-error-global-optOut").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ONEMORE", category.Keywords);
        Assert.Empty(cut.FindAll("[data-keyword='ONEMORE']"));
        Assert.Equal(0, changes);
        Assert.Equal("ONEMORE", cut.Find(InputId).GetAttribute("value"));
    }

    [Fact]
    public void TypeAndEnter_InvalidCharacters_RefusedWithKeywordRulesMessage()
    {
        var category = DefaultReplies.NewConfig("Acme").Global.OptOut;
        var cut = RenderEditor(category);

        cut.Find(InputId).Input("STOP!");
        cut.Find(InputId).KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains(KeywordRules.AllowedCharacters, cut.Find("#keyword-input-error-global-optOut").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("STOP!", category.Keywords);
    }

    [Fact]
    public void Render_ProblemOnReply_ShownUnderTheReply()
    {
        var category = DefaultReplies.NewConfig("Acme").Global.OptOut;
        Problem[] problems = [Problem.Error(ProblemCodes.ReplyRequired, "global.optOut.reply", "The global opt-out reply is required.")];

        var cut = RenderEditor(category, problems: problems);

        Assert.Equal("The global opt-out reply is required.", cut.Find("[data-problem-code='reply.required']").TextContent.Trim());
    }

    [Fact]
    public void Render_BlankOverrideReply_ShowsFallbackHint()
    {
        var category = new CategoryConfig { Keywords = ["BAJA"] };

        var cut = Render<KeywordCategoryEditor>(p => p
            .Add(x => x.Category, category)
            .Add(x => x.KeywordCategory, KeywordCategory.OptOut)
            .Add(x => x.SetPath, "countries[MX]")
            .Add(x => x.Problems, Array.Empty<Problem>())
            .Add(x => x.BlankReplyHint, ReplyFallback.Hint(true, KeywordCategory.OptOut)));

        Assert.Contains("language override holding the keyword, else the global opt-out reply", cut.Find("[data-testid='reply-fallback']").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 of 20 custom", cut.Find("#keyword-count-countries-MX-optOut").TextContent.Trim());
    }

    private IRenderedComponent<KeywordCategoryEditor> RenderEditor(CategoryConfig category, Action? changed = null, IReadOnlyList<Problem>? problems = null) =>
        Render<KeywordCategoryEditor>(p => p
            .Add(x => x.Category, category)
            .Add(x => x.KeywordCategory, KeywordCategory.OptOut)
            .Add(x => x.SetPath, ConfigPaths.Global)
            .Add(x => x.IsGlobal, true)
            .Add(x => x.Problems, problems ?? [])
            .Add(x => x.Changed, () => changed?.Invoke()));
}
