using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Privacy;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Persistence;

/// <summary>
/// Runs once at start-up, before the app serves: migrations, WAL mode, roles and first admin, bootstrap API key, the
/// Data Protection key, demo data. On PostgreSQL the whole of it holds a lock, so instances that start at the same
/// moment migrate and seed one after the other, each finding what the one before did.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, AppDatabase database, TimeProvider clock, ILogger<DatabaseInitializer> logger)
{
    public const string SystemActor = "system";

    /// <exception cref="DatabaseStartupException">The database cannot be reached or refuses the login; the message says so in one sentence.</exception>
    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        try
        {
            await database.RunExclusiveAsync(token => InitializeAsync(seedDemo, token), ct);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw new DatabaseStartupException($"Could not open {database.Describe()} given by ConnectionStrings:Default: {Reason(ex)}.", ex);
        }
    }

    private async Task InitializeAsync(bool seedDemo, CancellationToken ct)
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

        EnsureDataProtectionKey();
        await EnsureSubscriberHashKeyAsync(dbFactory, ct);
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

    /// <summary>
    /// The first key of the Data Protection key ring, made here (inside the start-up lock) rather than by the first
    /// request: two instances starting on an empty database would otherwise each make one and, for a while, not read
    /// each other's cookies. Later keys are made ahead of their activation, which gives every instance time to see them.
    /// </summary>
    private void EnsureDataProtectionKey()
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
        {
            keys.CreateNewKey(now, now.AddDays(90));
        }
    }

    /// <summary>
    /// The key erased subscribers' numbers are hashed with (<see cref="SubscriberHasher"/>): <c>Privacy:HashKey</c>
    /// when set, else the one kept in the database, made here on the first start (inside the start-up lock, so every
    /// instance uses the same one).
    /// </summary>
    private async Task EnsureSubscriberHashKeyAsync(IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        var hasher = services.GetRequiredService<SubscriberHasher>();
        if (hasher.HasKey)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var secret = await db.Secrets.FindAsync([SubscriberHasher.SecretName], ct);
        if (secret is null)
        {
            secret = new ConsoleSecret { Name = SubscriberHasher.SecretName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SubscriberHasher.KeyBytes)), CreatedAt = clock.GetUtcNow() };
            db.Secrets.Add(secret);
            await db.SaveChangesAsync(ct);
        }

        hasher.UseKey(Convert.FromBase64String(secret.Value));
    }

    /// <summary>
    /// A failure of the settings rather than of the console: no server, no route, a login, database or permission the
    /// server refuses, a file SQLite cannot open. Anything else (a failing migration) keeps its stack trace for the log.
    /// </summary>
    private static bool IsUnreachable(Exception ex) => ex switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("28", StringComparison.Ordinal)
            || p.SqlState.StartsWith("3D", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState == PostgresErrorCodes.InsufficientPrivilege,
        NpgsqlException or SocketException or TimeoutException => true,
        SqliteException s => s.SqliteErrorCode is 3 or 8 or 14 or 26,
        InvalidOperationException { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };

    /// <summary>The cause in words, without the stack: Npgsql's message and the socket's or server's beneath it.</summary>
    private static string Reason(Exception ex)
    {
        var reason = ex is InvalidOperationException && ex.InnerException is not null ? ex.InnerException : ex;
        var text = reason switch
        {
            PostgresException p => p.MessageText,
            SqliteException s => s.Message.Replace("SQLite Error", "SQLite error", StringComparison.Ordinal),
            _ => reason.Message,
        };
        if (reason.InnerException is SocketException or TimeoutException or IOException && !text.Contains(reason.InnerException.Message, StringComparison.Ordinal))
        {
            text += $" ({reason.InnerException.Message.TrimEnd('.')})";
        }

        return text.Replace(Environment.NewLine, " ", StringComparison.Ordinal).TrimEnd('.');
    }
}
