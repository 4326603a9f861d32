using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Persistence.Postgres;
using OptOutConsole.Core.Persistence.Sqlite;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core;

/// <summary>Registers Core: the database, the services catalog, API keys, audit and start-up tasks.</summary>
public static class CoreServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=optoutconsole.db";

    /// <summary>The Data Protection application name: every instance must share it to read each other's cookies.</summary>
    public const string DataProtectionApplicationName = "OptOutConsole";

    /// <param name="services">The container.</param>
    /// <param name="configuration">Reads <c>ConnectionStrings:Default</c>, <c>Database:Provider</c> and <c>Bootstrap</c>.</param>
    /// <param name="contentRoot">Where a relative SQLite file path is placed.</param>
    /// <exception cref="DatabaseStartupException">The database settings cannot work; the message names the setting.</exception>
    public static IServiceCollection AddOptOutCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = CreateDatabase(configuration, contentRoot);
        // Made by factories, so the container disposes it (PostgreSQL's connection pool) with the host.
        services.AddSingleton(_ => database);
        services.AddDbContextFactory<AppDbContext, ProviderDbContextFactory>(database.Configure);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        if (database is PostgresDatabase postgres)
        {
            services.AddSingleton(_ => postgres);
            services.AddSingleton<PostgresChangeNotifier>();
            services.AddSingleton<IChangeNotifier>(sp => sp.GetRequiredService<PostgresChangeNotifier>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeNotifier>());
        }
        else
        {
            services.AddSingleton(_ => (SqliteDatabase)database);
            services.AddSingleton<IChangeNotifier, InProcessChangeNotifier>();
            services.AddHostedService<WalCheckpointer>();
        }

        // Keys in the database, under one application name: a cookie or antiforgery token one instance issued is
        // read by every other, and survives restarts.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<AppDbContext>();
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
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));

        // Inbound: one configuration cache, one group-commit writer, one forwarder, all started with the host.
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<Phones.SenderCache>();
        services.AddSingleton<InboundProcessor>();
        services.AddSingleton<InboundWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundWriter>());
        services.AddSingleton<OutboxForwarder>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxForwarder>());
        services.AddSingleton<OutboxService>();

        // Possible opt-outs in free text (DESIGN 3.5): the review queue and its 10-business-day deadline.
        services.AddSingleton<Review.ReviewQueue>();
        services.AddHostedService<Review.ReviewDeadlineJob>();

        // Retention (issue 13): the periods are read now, so a wrong value stops start-up with a sentence naming it.
        services.AddSingleton(Retention.RetentionOptions.Read(configuration));
        services.AddSingleton<Retention.RetentionService>();
        services.AddHostedService<Retention.RetentionJob>();
        services.AddSingleton<Privacy.SubscriberRecords>();
        services.AddSingleton(Privacy.SubscriberHasher.FromConfiguration(configuration[Privacy.SubscriberHasher.ConfigurationKey]));
        services.AddSingleton<Privacy.SubscriberEraser>();

        // Tracking dashboard: counters and conversions held in memory, queries, and a throttled "new events" signal.
        services.AddSingleton<CounterRollup>();
        services.AddSingleton<HourlyRollup>();
        services.AddSingleton(sp =>
        {
            // Subscribed as soon as it exists: changes committed before its load are read by the load itself.
            var stats = new ConversionStats(sp.GetRequiredService<AppDatabase>(), sp.GetRequiredService<IChangeNotifier>());
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

    /// <summary>
    /// The database <c>Database:Provider</c> names: <c>Sqlite</c> (the default; <c>ConnectionStrings:Default</c> a
    /// SQLite connection string, a relative file placed under <paramref name="contentRoot"/>) or <c>Postgres</c>
    /// (an Npgsql connection string, required).
    /// </summary>
    /// <exception cref="DatabaseStartupException">An unknown provider, or a connection string that cannot be read.</exception>
    public static AppDatabase CreateDatabase(IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Database:Provider"]?.Trim();
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrEmpty(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new SqliteDatabase(ResolveSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString, contentRoot));
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                throw new DatabaseStartupException($"ConnectionStrings:Default is not a SQLite connection string the console can use ({ex.Message.TrimEnd('.')}).", ex);
            }
        }

        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new DatabaseStartupException("Database:Provider is Postgres, but ConnectionStrings:Default is empty: give it an Npgsql connection string such as \"Host=db.example.com;Database=optoutconsole;Username=optout;Password=...\".");
            }

            try
            {
                return new PostgresDatabase(connectionString);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                throw new DatabaseStartupException($"ConnectionStrings:Default is not a PostgreSQL connection string the console can read ({ex.Message.TrimEnd('.')}); write it as \"Host=...;Database=...;Username=...;Password=...\".", ex);
            }
        }

        throw new DatabaseStartupException($"Database:Provider '{provider}' is not one the console knows: use Sqlite (the default, one embedded file) or Postgres (with an Npgsql connection string in ConnectionStrings:Default).");
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
