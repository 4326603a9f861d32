using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core;

/// <summary>Registers Core: the database, the services catalog, API keys, audit and start-up tasks.</summary>
public static class CoreServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=optoutconsole.db";

    /// <param name="services">The container.</param>
    /// <param name="configuration">Reads <c>ConnectionStrings:Default</c>, <c>Database:Provider</c> and <c>Bootstrap</c>.</param>
    /// <param name="contentRoot">Where a relative SQLite file path is placed.</param>
    public static IServiceCollection AddOptOutCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported by this build; use 'Sqlite' (see docs/decisions/storage.md).");
        }

        var connectionString = ResolveSqlite(configuration.GetConnectionString("Default") ?? DefaultConnectionString, contentRoot);
        services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton(new SqliteDatabase(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceCatalog>();
        services.AddSingleton<TestCaseCatalog>();
        services.Configure<PreviewOptions>(configuration.GetSection(PreviewOptions.Section));
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddScoped<AdminBootstrapper>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<BlockListService>();
        services.AddSingleton<BlockListImporter>();
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.Configure<TwilioOptions>(configuration.GetSection(TwilioOptions.Section));

        // Inbound: one configuration cache, one group-commit writer, one forwarder, all started with the host.
        services.AddHostedService<WalCheckpointer>();
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<Phones.SenderCache>();
        services.AddSingleton<InboundProcessor>();
        services.AddSingleton<InboundWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundWriter>());
        services.AddSingleton<OutboxForwarder>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxForwarder>());
        services.AddSingleton<OutboxService>();

        // Tracking dashboard: counters and conversions held in memory, queries, and a throttled "new events" signal.
        services.AddSingleton<CounterRollup>();
        services.AddSingleton<HourlyRollup>();
        services.AddSingleton(sp =>
        {
            // Subscribed as soon as it exists: changes committed before its load are read by the load itself.
            var stats = new ConversionStats(sp.GetRequiredService<SqliteDatabase>());
            sp.GetRequiredService<InboundWriter>().ConversionsCommitted += stats.Apply;
            return stats;
        });
        services.AddSingleton<DashboardService>();
        services.AddSingleton<EventNotifier>();
        services.AddHostedService<DashboardWarmup>();
        services.AddHttpClient(OutboxForwarder.HttpClientName)
            .AddStandardResilienceHandler(o =>
            {
                // Short in-process retries; the durable outbox does the long ones (with back-off, across restarts).
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            });
        return services;
    }

    /// <summary>Identity stores on the same database (the web app adds sign-in on top).</summary>
    public static IdentityBuilder AddOptOutIdentityStores(this IdentityBuilder builder) =>
        builder.AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();

    /// <summary>Makes a relative SQLite file path absolute under <paramref name="contentRoot"/> and creates its folder (SQLite does not).</summary>
    public static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(b.DataSource) || b.DataSource == ":memory:" || b.Mode == SqliteOpenMode.Memory)
        {
            return b.ToString();
        }

        if (!Path.IsPathRooted(b.DataSource))
        {
            b.DataSource = Path.GetFullPath(Path.Combine(contentRoot, b.DataSource));
        }

        var folder = Path.GetDirectoryName(b.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return b.ToString();
    }
}
