using Bunit;
using Microsoft.AspNetCore.Components.Web;
using OptOutConsole.Components.Pages.Services;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Services;

public sealed class OptOutIntentEditorTests : MudBunitContext
{
    private const string PhrasesInput = "#intent-phrases-input";
    private const string IgnoreInput = "#intent-ignore-input";

    [Fact]
    public void Render_NewService_ReviewCheckedWithEachModeExplained()
    {
        var intent = new OptOutIntentConfig();

        var cut = RenderEditor(intent);

        Assert.True(ModeInput(cut, "review").HasAttribute("checked"), cut.Find("[data-intent-mode='review']").OuterHtml);
        Assert.Contains("due 10 business days after receipt", cut.Find("[data-intent-mode='review']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Handled as a STOP", cut.Find("[data-intent-mode='block']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Only keywords count", cut.Find("[data-intent-mode='off']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#intent-advanced-off"));
        Assert.Equal("0 of 50", cut.Find("#intent-phrases-count").TextContent.Trim());
    }

    [Fact]
    public void ChooseBlock_Review_ModeBlockAndChangedRaised()
    {
        var intent = new OptOutIntentConfig();
        var changes = 0;
        var cut = RenderEditor(intent, () => changes++);

        ModeInput(cut, "block").Click();

        cut.WaitForAssertion(() => Assert.Equal(OptOutIntentConfig.Block, intent.Mode));
        Assert.Equal(1, changes);
    }

    [Fact]
    public void TypeAndEnter_ExtraPhrase_AddsTrimmedChipAndRaisesChanged()
    {
        var intent = new OptOutIntentConfig();
        var changes = 0;
        var cut = RenderEditor(intent, () => changes++);

        cut.Find(PhrasesInput).Input("  leave me alone ");
        cut.Find(PhrasesInput).KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-intent-list='phrases'] [data-phrase='leave me alone']")));
        Assert.Equal(["leave me alone"], intent.Phrases);
        Assert.Empty(intent.Ignore);
        Assert.Equal(1, changes);
        Assert.Equal("1 of 50", cut.Find("#intent-phrases-count").TextContent.Trim());
    }

    [Fact]
    public void TypeAndEnter_IgnoredPhraseAlreadyListed_RefusedWithMessage()
    {
        var intent = new OptOutIntentConfig { Ignore = ["stop by our store"] };
        var changes = 0;
        var cut = RenderEditor(intent, () => changes++);

        cut.Find(IgnoreInput).Input("Stop by our store");
        cut.Find(IgnoreInput).KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("already in this list", cut.Find("#intent-ignore-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(["stop by our store"], intent.Ignore);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void CloseIcon_IgnoredPhrase_RemovesChip()
    {
        var intent = new OptOutIntentConfig { Ignore = ["stop by our store", "stop light"] };
        var cut = RenderEditor(intent);

        cut.Find("[data-intent-list='ignore'] [data-phrase='stop light'] .mud-chip-close-button").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-phrase='stop light']")));
        Assert.Equal(["stop by our store"], intent.Ignore);
    }

    [Fact]
    public void Render_ProblemsAtIntentPaths_ShownNextToTheirFields()
    {
        var intent = new OptOutIntentConfig { Mode = "maybe", Phrases = ["leave me alone", "leave me alone"], Ignore = ["a\tb"] };
        var config = DefaultReplies.NewConfig("Acme");
        config.OptOutIntent = intent;
        var problems = ConfigValidator.Validate(config);

        var cut = RenderEditor(intent, problems: problems);

        Assert.Equal(ConfigPaths.OptOutIntentMode, cut.Find("#intent-editor [data-problem-code='intent.mode']").GetAttribute("data-problem-path"));
        Assert.Equal(
            ConfigPaths.IntentPhrase("phrases", 1),
            cut.Find("[data-intent-list='phrases'] [data-problem-code='intent.phrase']").GetAttribute("data-problem-path"));
        Assert.Equal(
            ConfigPaths.IntentPhrase("ignore", 0),
            cut.Find("[data-intent-list='ignore'] [data-problem-code='intent.phrase']").GetAttribute("data-problem-path"));
        Assert.Contains("listed twice", cut.Find("[data-intent-list='phrases'] .field-problem").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-error", cut.FindAll("[data-intent-list='phrases'] [data-phrase]")[1].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-chip-color-error", cut.FindAll("[data-intent-list='phrases'] [data-phrase]")[0].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ModeOff_LintWarningUnderTheMode()
    {
        var config = DefaultReplies.NewConfig("Acme");
        config.OptOutIntent.Mode = OptOutIntentConfig.Off;

        var cut = RenderEditor(config.OptOutIntent, problems: ConfigValidator.Validate(config));

        var warning = cut.Find("#intent-editor [data-problem-code='lint.intent-off']");
        Assert.Equal("warning", warning.GetAttribute("data-severity"));
        Assert.Contains("reasonable means", warning.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AdvancedOptOutOff_SaysDetectionDoesNotRun()
    {
        var cut = Render<OptOutIntentEditor>(p => p
            .Add(x => x.Intent, new OptOutIntentConfig())
            .Add(x => x.AdvancedOptOutEnabled, false)
            .Add(x => x.Problems, Array.Empty<Problem>()));

        Assert.Contains("detection does not run", cut.Find("#intent-advanced-off").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReadOnly_NoCloseIconsAndEveryInputDisabled()
    {
        var intent = new OptOutIntentConfig { Phrases = ["leave me alone"], Ignore = ["stop light"] };

        var cut = Render<OptOutIntentEditor>(p => p
            .Add(x => x.Intent, intent)
            .Add(x => x.AdvancedOptOutEnabled, true)
            .Add(x => x.ReadOnly, true)
            .Add(x => x.Problems, Array.Empty<Problem>()));

        Assert.NotNull(cut.Find("[data-phrase='leave me alone']"));
        Assert.Empty(cut.FindAll(".mud-chip-close-button"));
        var inputs = cut.FindAll("input:not([type=hidden])");
        Assert.Equal(5, inputs.Count);
        Assert.All(inputs, i => Assert.True(i.HasAttribute("disabled"), $"{i.Id ?? i.OuterHtml} is not disabled"));
    }

    private static AngleSharp.Dom.IElement ModeInput(IRenderedComponent<OptOutIntentEditor> cut, string mode) =>
        cut.Find($"[data-intent-mode='{mode}'] input[type=radio]");

    private IRenderedComponent<OptOutIntentEditor> RenderEditor(OptOutIntentConfig intent, Action? changed = null, IReadOnlyList<Problem>? problems = null) =>
        Render<OptOutIntentEditor>(p => p
            .Add(x => x.Intent, intent)
            .Add(x => x.AdvancedOptOutEnabled, true)
            .Add(x => x.Problems, problems ?? [])
            .Add(x => x.Changed, () => changed?.Invoke()));
}
