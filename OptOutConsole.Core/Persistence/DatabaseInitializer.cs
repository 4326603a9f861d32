using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Persistence;

/// <summary>Runs once at start-up, before the app serves: migrations, WAL mode, roles and first admin, bootstrap API key, demo data.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger)
{
    public const string SystemActor = "system";

    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                // WAL lets the dashboard read while the webhook writes; it is a property of the file, set once.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
        }

        var options = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().RunAsync(options, ct);
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            await services.GetRequiredService<ApiKeyService>().EnsureAsync("bootstrap", options.ApiKey.Trim(), SystemActor, ct);
        }

        if (seedDemo)
        {
            var catalog = services.GetRequiredService<ServiceCatalog>();
            if ((await catalog.ListAsync(null, ct)).Count == 0)
            {
                var (outcome, sid) = await catalog.CreateAsync(DemoData.SushiRewards(), SystemActor, ct);
                if (sid is null)
                {
                    logger.LogWarning("The demo service was not created: {Problems}", string.Join("; ", outcome.Errors.Select(e => $"{e.Path}: {e.Message}")));
                }
                else
                {
                    logger.LogInformation("Created the demo service {Name} ({Sid}).", DemoData.ServiceName, sid);
                }
            }
        }
    }
}
