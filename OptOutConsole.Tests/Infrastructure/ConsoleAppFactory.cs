using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// The real app over a real SQLite file in a fresh temporary folder, with a known admin, API key and Twilio token.
/// <see cref="UseKestrel"/>-style serving for browsers is in <see cref="KestrelConsoleApp"/>.
/// </summary>
public class ConsoleAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin!Pass123";
    public const string ApiKey = "ooc_test_bootstrap_key_0123456789";
    public const string TwilioAuthToken = "test-twilio-auth-token";

    private readonly Dictionary<string, string?> settings;

    public ConsoleAppFactory()
        : this(false, null)
    {
    }

    protected ConsoleAppFactory(bool seedDemo, IDictionary<string, string?>? extraSettings, string? databasePath = null)
    {
        Folder = Directory.CreateTempSubdirectory("optout-test-").FullName;
        DatabasePath = databasePath ?? Path.Combine(Folder, "console.db");
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={DatabasePath}",
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

    public string Folder { get; }

    public string DatabasePath { get; }

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in settings)
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
}
