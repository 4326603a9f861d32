using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Core.Validation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Simulation;

/// <summary>Saved test cases over the real app's services, on SQLite and on PostgreSQL.</summary>
public abstract class TestCaseCatalogTests(ConsoleAppFactory app)
{
    private readonly ServiceCatalog catalog = app.Service<ServiceCatalog>();
    private readonly TestCaseCatalog testCases = app.Service<TestCaseCatalog>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_ChangeBreaksSavedCase_SavedWithTestCaseFailedWarning()
    {
        var sid = await CreateDemoAsync();
        var (created, problems) = await testCases.AddAsync(sid, new TestCaseDraft("Canadian ARRET", "+14165550123", "Arrêt", "STOP", "language fr"), "alice", Ct);
        Assert.Empty(problems);
        Assert.NotNull(created);
        var config = (await catalog.GetAsync(sid, Ct))!.Value.Config;
        config.Languages.RemoveAll(l => l.Language == "fr");

        var outcome = await catalog.SaveAsync(sid, config, 1, "bob", "dropped French", Ct);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        var warning = Assert.Single(outcome.Warnings, w => w.Code == ProblemCodes.TestCaseFailed);
        Assert.Equal("testCases[Canadian ARRET]", warning.Path);
        Assert.Contains("Canadian ARRET", warning.Message, StringComparison.Ordinal);
        var saved = (await catalog.HistoryAsync(sid, Ct))[0];
        Assert.Equal(outcome.Warnings.Count(), saved.WarningCount);
        Assert.Equal(outcome.Warnings.Select(w => (w.Code, w.Path, w.Message)), saved.Warnings().Select(w => (w.Code, w.Path, w.Message)));
    }

    [Fact]
    public async Task SaveAsync_CasesStillPass_NoTestCaseWarning()
    {
        var sid = await CreateDemoAsync();
        await testCases.AddAsync(sid, new TestCaseDraft("mx stop", "+525512345678", "STOP", "STOP", "country MX"), "alice", Ct);
        var config = (await catalog.GetAsync(sid, Ct))!.Value.Config;
        config.Description = "only the description changed";

        var outcome = await catalog.SaveAsync(sid, config, 1, "bob", "description", Ct);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.DoesNotContain(outcome.Problems, p => p.Code == ProblemCodes.TestCaseFailed);
    }

    [Theory]
    [InlineData("language zz", "'zz'")]
    [InlineData("country QQ", "'QQ'")]
    [InlineData("Language ZZ", "'zz'")]
    public void Validate_SetNameWithUnknownCode_RefusedNamingTheCode(string answeredBy, string mentions)
    {
        var (testCase, problems) = TestCaseCatalog.Validate("MGx", new TestCaseDraft("odd set", "+14155550123", "STOP", "STOP", answeredBy), []);

        Assert.Null(testCase);
        var problem = Assert.Single(problems);
        Assert.Equal((ProblemCodes.TestCaseInvalid, "expectedAnsweredBy"), (problem.Code, problem.Path));
        Assert.Contains(mentions, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("two\nlines")]
    [InlineData("bell\u0007")]
    public void Validate_NameWithControlCharacter_Refused(string name)
    {
        var (testCase, problems) = TestCaseCatalog.Validate("MGx", new TestCaseDraft(name, "+14155550123", "STOP", "STOP", null), []);

        Assert.Null(testCase);
        Assert.Equal("name", Assert.Single(problems).Path);
    }

    [Theory]
    [InlineData("language es", "language es")]
    [InlineData("COUNTRY mx", "country MX")]
    [InlineData("global", "global")]
    public void Validate_KnownSetName_KeptInCanonicalCase(string answeredBy, string expected)
    {
        var (testCase, problems) = TestCaseCatalog.Validate("MGx", new TestCaseDraft("set", "+14155550123", "STOP", "STOP", answeredBy), []);

        Assert.Empty(problems);
        Assert.Equal(expected, testCase!.ExpectedAnsweredBy);
    }

    [Fact]
    public async Task AddAndDelete_Audited_AndDuplicateNameRefused()
    {
        var sid = await CreateDemoAsync();
        var (created, _) = await testCases.AddAsync(sid, new TestCaseDraft("help", "+14155550123", "HELP", "HELP", null), "alice", Ct);
        var (duplicate, problems) = await testCases.AddAsync(sid, new TestCaseDraft("HELP", "+14155550123", "INFO", "HELP", null), "alice", Ct);

        var deleted = await testCases.DeleteAsync(sid, created!.Id, "carol", Ct);

        Assert.Null(duplicate);
        Assert.Contains(problems, p => p.Path == "name");
        Assert.True(deleted);
        Assert.Empty(await testCases.ListAsync(sid, Ct));
        var (audit, _) = await app.Service<AuditLog>().QueryAsync(new AuditQuery(Area: AuditAreas.TestCase, Text: sid), 0, 10, Ct);
        Assert.Equal(["deleted", "created"], audit.Select(a => a.Action));
        Assert.Equal(["carol", "alice"], audit.Select(a => a.Actor));
    }

    private async Task<string> CreateDemoAsync()
    {
        var config = DemoData.SushiRewards();
        config.FriendlyName = $"Demo {Guid.NewGuid():N}"[..30];
        config.Senders = [];
        var (outcome, sid) = await catalog.CreateAsync(config, "test", Ct);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }

    [Theory]
    [InlineData("name")]
    [InlineData("body")]
    public void Validate_HalfACharacter_RefusedNamingTheField(string field)
    {
        // Built here: a lone surrogate in [InlineData] does not survive the test runner's serialisation.
        var half = "cut " + "🍣"[..1];
        var (name, body) = field == "name" ? (half, "STOP") : ("cut emoji", half);
        var (testCase, problems) = TestCaseCatalog.Validate("MG" + new string('0', 32), new TestCaseDraft(name, "+14155550123", body, "STOP", null), []);

        Assert.Null(testCase);
        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Path);
        Assert.Contains("half of a character", problem.Message, StringComparison.Ordinal);
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : TestCaseCatalogTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : TestCaseCatalogTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
