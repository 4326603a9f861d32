using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// The real app over a real database, with a known admin, API key and Twilio token: by default a SQLite file in a
/// fresh temporary folder; <see cref="PostgresConsoleAppFactory"/> gives it a PostgreSQL database of its own.
/// <see cref="UseKestrel"/>-style serving for browsers is in <see cref="KestrelConsoleApp"/>.
/// </summary>
public class ConsoleAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin!Pass123";
    public const string ApiKey = "ooc_test_bootstrap_key_0123456789";
    public const string TwilioAuthToken = "test-twilio-auth-token";

    private readonly Dictionary<string, string?> settings;
    private readonly Func<TestDatabase>? makeDatabase;
    private readonly bool ownsDatabase;
    private TestDatabase? database;

    public ConsoleAppFactory()
        : this(false, null)
    {
    }

    protected ConsoleAppFactory(bool seedDemo, IDictionary<string, string?>? extraSettings, string? databasePath = null)
        : this(seedDemo, extraSettings, null, ownsDatabase: true, databasePath)
    {
    }

    /// <param name="seedDemo">Seed the demo service.</param>
    /// <param name="extraSettings">Settings over the defaults.</param>
    /// <param name="makeDatabase">Makes the database when the host first starts (null: a SQLite file).</param>
    /// <param name="ownsDatabase">Drop the database (PostgreSQL) when this console is disposed.</param>
    /// <param name="databasePath">The SQLite file, when <paramref name="makeDatabase"/> is null (null: one in <see cref="Folder"/>).</param>
    protected ConsoleAppFactory(bool seedDemo, IDictionary<string, string?>? extraSettings, Func<TestDatabase>? makeDatabase, bool ownsDatabase, string? databasePath = null)
    {
        Folder = Directory.CreateTempSubdirectory("optout-test-").FullName;
        this.makeDatabase = makeDatabase;
        this.ownsDatabase = ownsDatabase;
        if (makeDatabase is null)
        {
            DatabasePath = databasePath ?? Path.Combine(Folder, "console.db");
            database = TestDatabase.Sqlite(DatabasePath);
        }

        settings = new Dictionary<string, string?>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Twilio:AuthToken"] = TwilioAuthToken,
            ["Seed:Demo"] = seedDemo ? "true" : "false",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("OPTOUT_TEST_LOGLEVEL") ?? "Warning",
        };
        foreach (var (k, v) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }
    }

    /// <summary>The console over a database file the caller owns (it survives Dispose), e.g. to restart over it.</summary>
    public static ConsoleAppFactory Over(string databasePath, IDictionary<string, string?>? extraSettings = null) =>
        new Restarted(databasePath, extraSettings);

    /// <summary>
    /// Another console over this one's database, which stays this one's: a restart (after this one is disposed), or
    /// on PostgreSQL a second instance running beside it.
    /// </summary>
    public ConsoleAppFactory OnSameDatabase(IDictionary<string, string?>? extraSettings = null)
    {
        var shared = Database;
        return shared.Provider == DatabaseProvider.Sqlite ? new Restarted(shared.FilePath!, extraSettings) : new SharedDatabase(shared, extraSettings);
    }

    public string Folder { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? DatabasePath { get; }

    /// <summary>The database, made when first asked for (PostgreSQL: a new database on the test server).</summary>
    public TestDatabase Database => database ??= makeDatabase!();

    public DatabaseProvider Provider => makeDatabase is null ? DatabaseProvider.Sqlite : Database.Provider;

    /// <summary>This console, once its database can be had: skips the test (or fails it, when required) without a PostgreSQL server.</summary>
    public ConsoleAppFactory RequireDatabase()
    {
        if (makeDatabase is not null && database is null)
        {
            PostgresServer.Require();
        }

        return this;
    }

    /// <summary>An HTTP client that keeps cookies and does not follow redirects, so tests see 302s.</summary>
    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient CreateApiClient(string? key = ApiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs one scalar query on the console's database (portable SQL: double-quoted names, @p0.. parameters).</summary>
    public async Task<long> ScalarAsync(string sql, params object?[] parameters)
    {
        await using var connection = await Service<AppDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            AppDatabase.AddParameter(command, $"@p{i}", parameters[i]);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in Database.Settings.Concat(settings))
        {
            builder.UseSetting(k, v);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (ownsDatabase && makeDatabase is not null)
            {
                database?.Dispose();
            }

            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing background task; the OS temp cleaner takes it.
            }
        }
    }

    private sealed class Restarted(string databasePath, IDictionary<string, string?>? extraSettings)
        : ConsoleAppFactory(false, extraSettings, databasePath);

    private sealed class SharedDatabase(TestDatabase database, IDictionary<string, string?>? extraSettings)
        : ConsoleAppFactory(false, extraSettings, () => database, ownsDatabase: false);
}
