using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Services;

/// <summary>Saving, history and rollback over the real app's catalog, on SQLite and on PostgreSQL.</summary>
public abstract class ServiceCatalogTests(ConsoleAppFactory app)
{
    private readonly ServiceCatalog catalog = app.Service<ServiceCatalog>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_ValidChange_ReloadsWithNewVersion()
    {
        var sid = await CreateAsync();
        var config = await ConfigAsync(sid);
        config.Global.OptOut.Keywords.Add("BAJA");
        config.Languages.Add(new LanguageOverride { Language = "es", OptOut = new() { Keywords = ["SALIR"], Reply = "Te has dado de baja." } });

        var outcome = await catalog.SaveAsync(sid, config, 1, "alice", "added Spanish", Ct);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(2, outcome.Version);
        var (service, reloaded) = (await catalog.GetAsync(sid, Ct))!.Value;
        Assert.Equal(2, service.Version);
        Assert.Contains("BAJA", reloaded.Global.OptOut.Keywords);
        Assert.Equal("Te has dado de baja.", Assert.Single(reloaded.Languages).OptOut.Reply);
    }

    [Fact]
    public async Task HistoryAsync_TwoSaves_ListsEveryVersionNewestFirst()
    {
        var sid = await CreateAsync();
        var config = await ConfigAsync(sid);
        config.Description = "first";
        await catalog.SaveAsync(sid, config, 1, "alice", "first edit", Ct);
        config.Description = "second";
        await catalog.SaveAsync(sid, config, 2, "bob", "second edit", Ct);

        var history = await catalog.HistoryAsync(sid, Ct);

        Assert.Equal([3, 2, 1], history.Select(v => v.Version));
        Assert.Equal(["bob", "alice", "test"], history.Select(v => v.CreatedBy));
        Assert.Equal(["second edit", "first edit", "created"], history.Select(v => v.Summary));
        Assert.Equal("first", ServiceConfig.FromJson(history[1].ConfigJson).Description);
    }

    [Fact]
    public async Task RollbackAsync_ToVersionOne_CreatesNewVersionWithTheOldDocument()
    {
        var sid = await CreateAsync();
        var original = await ConfigAsync(sid);
        var changed = original.Clone();
        changed.Global.OptOut.Keywords.Add("BAJA");
        await catalog.SaveAsync(sid, changed, 1, "alice", "added BAJA", Ct);

        var outcome = await catalog.RollbackAsync(sid, 1, 2, "bob", Ct);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(3, outcome.Version);
        var (service, current) = (await catalog.GetAsync(sid, Ct))!.Value;
        Assert.Equal(3, service.Version);
        Assert.Equal(original.ToJson(), current.ToJson());
        var history = await catalog.HistoryAsync(sid, Ct);
        Assert.Equal(3, history.Count);
        Assert.Equal("rolled back to version 1", history[0].Summary);
        Assert.Contains("BAJA", ServiceConfig.FromJson(history[1].ConfigJson).Global.OptOut.Keywords);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_ConflictAndNothingChanged()
    {
        var sid = await CreateAsync();
        var first = await ConfigAsync(sid);
        first.Description = "saved first";
        await catalog.SaveAsync(sid, first, 1, "alice", "first", Ct);
        var stale = await ConfigAsync(sid);
        stale.Description = "based on version 1";

        var outcome = await catalog.SaveAsync(sid, stale, 1, "bob", "stale", Ct);

        Assert.Equal(SaveStatus.Conflict, outcome.Status);
        Assert.Equal(2, outcome.Version);
        Assert.Contains("changed by someone else", outcome.Message, StringComparison.Ordinal);
        var (service, current) = (await catalog.GetAsync(sid, Ct))!.Value;
        Assert.Equal(2, service.Version);
        Assert.Equal("saved first", current.Description);
        Assert.Equal(2, (await catalog.HistoryAsync(sid, Ct)).Count);
    }

    [Fact]
    public async Task SaveAsync_WithErrors_InvalidAndNothingChanged()
    {
        var sid = await CreateAsync();
        var before = await ConfigAsync(sid);
        var broken = before.Clone();
        broken.Global.OptIn.Keywords.Add("STOP");
        broken.Global.Help.Reply = " ";

        var outcome = await catalog.SaveAsync(sid, broken, 1, "alice", "broken", Ct);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Contains(outcome.Errors, p => p.Code == ProblemCodes.KeywordConflict && p.Path == "global.optIn.keywords[3]");
        Assert.Contains(outcome.Errors, p => p.Code == ProblemCodes.ReplyRequired && p.Path == "global.help.reply");
        var (service, current) = (await catalog.GetAsync(sid, Ct))!.Value;
        Assert.Equal(1, service.Version);
        Assert.Equal(before.ToJson(), current.ToJson());
        Assert.Single(await catalog.HistoryAsync(sid, Ct));
    }

    private async Task<string> CreateAsync()
    {
        var (outcome, sid) = await catalog.CreateAsync($"Catalog {Guid.NewGuid():N}"[..24], "test", Ct);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }

    private async Task<ServiceConfig> ConfigAsync(string sid) => (await catalog.GetAsync(sid, Ct))!.Value.Config;

    public sealed class OnSqlite(ConsoleAppFactory app) : ServiceCatalogTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ServiceCatalogTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
