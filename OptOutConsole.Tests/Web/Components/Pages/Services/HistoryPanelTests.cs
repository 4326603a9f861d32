using Bunit;
using OptOutConsole.Components.Pages.Services;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Services;

public sealed class HistoryPanelTests : MudBunitContext
{
    [Fact]
    public void Render_VersionSavedWithWarnings_ShowsThemWhenOpened()
    {
        var config = DefaultReplies.NewConfig("History Co");
        config.Global.OptOut.Keywords.Remove("QUIT");
        var problems = ConfigValidator.Validate(config);
        var warning = Assert.Single(problems, p => p.Code == ProblemCodes.LintFccWord);
        IReadOnlyList<ConfigVersion> versions =
        [
            Version(2, "removed QUIT", problems),
            Version(1, "created", []),
        ];

        var cut = Render<HistoryPanel>(p => p.Add(x => x.Versions, versions).Add(x => x.CurrentVersion, 2));
        Assert.Empty(cut.FindAll("#history-warnings-list-2"));
        cut.Find("#history-warnings-2").Click();

        var list = cut.Find("#history-warnings-list-2").TextContent;
        Assert.Contains(warning.Code, list, StringComparison.Ordinal);
        Assert.Contains(warning.Path, list, StringComparison.Ordinal);
        Assert.Contains(warning.Message, list, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#history-warnings-1"));
    }

    [Fact]
    public void Render_OldVersionWithOnlyACount_ShowsTheCount()
    {
        var old = Version(1, "created", []);
        old.WarningCount = 2;

        var cut = Render<HistoryPanel>(p => p.Add(x => x.Versions, [old]).Add(x => x.CurrentVersion, 1));

        Assert.Empty(cut.FindAll("#history-warnings-1"));
        Assert.Contains("2", cut.Find("tr[data-version='1']").TextContent, StringComparison.Ordinal);
    }

    private static ConfigVersion Version(int version, string summary, IReadOnlyList<Problem> problems) => new()
    {
        ServiceSid = "MG" + new string('0', 32),
        Version = version,
        ConfigJson = "{}",
        CreatedBy = "alice@test.local",
        CreatedAt = DateTimeOffset.UnixEpoch.AddDays(version),
        Summary = summary,
        WarningCount = problems.Count(p => !p.IsError),
        WarningsJson = ConfigVersion.ToWarningsJson(problems),
    };
}
