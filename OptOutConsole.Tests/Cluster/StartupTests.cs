using System.Net;
using System.Net.Http.Json;
using Npgsql;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Cluster;

/// <summary>
/// Start-up as an operator sees it, from the console's own process: settings that cannot work stop it with one plain
/// sentence naming the key (no stack trace), and two instances starting at once on an empty database both come up.
/// </summary>
public sealed class StartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Database=optout;Username=optout;Timeout=5", "ConnectionStrings:Default")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=notaport", "ConnectionStrings:Default")]
    [InlineData("Postgres", "", "ConnectionStrings:Default")]
    [InlineData("Oracle", "Data Source=x", "Database:Provider")]
    public async Task SettingsThatCannotWork_StopWithOneSentenceNamingTheKey(string provider, string connectionString, string key)
    {
        var console = await ConsoleProcess.RunToExitAsync(Settings(provider, connectionString), TimeSpan.FromSeconds(60), Ct);
        await using var _ = console;

        Assert.Equal(1, console.ExitCode);
        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sentence = Assert.Single(lines, l => l.StartsWith("OptOutConsole cannot start:", StringComparison.Ordinal));
        Assert.Contains(key, sentence, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseThatDoesNotExist_LoginMayNotCreateIt_StopsWithOneSentenceSayingSo()
    {
        PostgresServer.Require();
        await using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var role = new NpgsqlCommand("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ooc_nocreate') THEN CREATE ROLE ooc_nocreate LOGIN NOCREATEDB; END IF; END $$", admin);
            await role.ExecuteNonQueryAsync(Ct);
        }

        var missing = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = "ooc_no_such_database", Username = "ooc_nocreate" }.ConnectionString;

        var console = await ConsoleProcess.RunToExitAsync(Settings("Postgres", missing), TimeSpan.FromSeconds(60), Ct);
        await using var _ = console;

        Assert.Equal(1, console.ExitCode);
        var sentence = Assert.Single(console.Output.Split('\n'), l => l.StartsWith("OptOutConsole cannot start:", StringComparison.Ordinal));
        Assert.Contains("ConnectionStrings:Default", sentence, StringComparison.Ordinal);
        Assert.Contains("ooc_no_such_database", sentence, StringComparison.Ordinal);
        Assert.Contains("could not create it", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseThatDoesNotExist_LoginMayCreateIt_IsCreatedAndServed()
    {
        PostgresServer.Require();
        var name = "ooc_t_created_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = name }.ConnectionString;
        try
        {
            await using var console = await ConsoleProcess.StartAsync(Settings("Postgres", connectionString), Ct);
            using var http = new HttpClient();

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(console.BaseUrl + "/healthz", Ct)).StatusCode);
        }
        finally
        {
            PostgresServer.DropDatabase(name);
        }
    }

    [Fact]
    public async Task TwoInstancesStartingAtOnce_OnAnEmptyDatabase_BothServeAndEverythingIsSeededOnce()
    {
        PostgresServer.Require();
        using var database = TestDatabase.Postgres();
        var settings = Settings("Postgres", database.ConnectionString).Append(new("Seed:Demo", "true")).ToList();

        var started = await Task.WhenAll(ConsoleProcess.StartAsync(settings, Ct), ConsoleProcess.StartAsync(settings, Ct));
        await using var a = started[0];
        await using var b = started[1];
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", ConsoleAppFactory.ApiKey);
        var fromA = await http.GetFromJsonAsync<List<ServiceRow>>(a.BaseUrl + "/api/services", Ct);
        var fromB = await http.GetFromJsonAsync<List<ServiceRow>>(b.BaseUrl + "/api/services", Ct);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(a.BaseUrl + "/healthz", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(b.BaseUrl + "/healthz", Ct)).StatusCode);
        Assert.Equal("Sushi Rewards", Assert.Single(fromA!).FriendlyName);
        Assert.Equal(fromA![0].Sid, Assert.Single(fromB!).Sid);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.Equal(1L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "AspNetUsers" """));
        Assert.Equal(1L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "ApiKeys" """));
        Assert.Equal(1L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "DataProtectionKeys" """));
    }

    private sealed record ServiceRow(string Sid, string FriendlyName);

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(string provider, string connectionString) =>
    [
        new("Database:Provider", provider),
        new("ConnectionStrings:Default", connectionString),
        new("Bootstrap:AdminEmail", ConsoleAppFactory.AdminEmail),
        new("Bootstrap:AdminPassword", ConsoleAppFactory.AdminPassword),
        new("Bootstrap:ApiKey", ConsoleAppFactory.ApiKey),
        new("Twilio:AuthToken", ConsoleAppFactory.TwilioAuthToken),
    ];
}
