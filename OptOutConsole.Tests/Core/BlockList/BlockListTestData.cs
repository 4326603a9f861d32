using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.BlockList;

/// <summary>Services and database access for the block-list tests (each test gets its own service).</summary>
internal static class BlockListTestData
{
    public static async Task<string> NewServiceAsync(ConsoleAppFactory app, string name = "Block Co")
    {
        var (outcome, sid) = await app.Service<ServiceCatalog>().CreateAsync($"{name} {Guid.NewGuid():N}"[..20], "test", TestContext.Current.CancellationToken);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return sid!;
    }

    public static async Task<AppDbContext> DbAsync(ConsoleAppFactory app) =>
        await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public static MemoryStream Csv(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
