using System.Net;
using System.Text.Json;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

public abstract class ApiKeyAuthenticationTests
{
    private readonly ConsoleAppFactory app;

    protected ApiKeyAuthenticationTests(ConsoleAppFactory app) => this.app = app;

    [Fact]
    public async Task Services_NoKey_Returns401Problem()
    {
        var client = app.CreateApiClient(key: null);

        var response = await client.GetAsync("/api/services", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Services_UnknownKey_Returns401()
    {
        var client = app.CreateApiClient("ooc_not_a_key");

        var response = await client.GetAsync("/api/services", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Services_BootstrapKey_Returns200WithList()
    {
        var client = app.CreateApiClient();

        var response = await client.GetAsync("/api/services", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
    }

    [Fact]
    public async Task Services_CreatedKeyThenRevoked_200Then401()
    {
        var keys = app.Service<ApiKeyService>();
        var (key, secret) = await keys.CreateAsync("ci", "test", CancellationToken.None);
        var client = app.CreateApiClient(secret);

        var before = await client.GetAsync("/api/services", TestContext.Current.CancellationToken);
        await keys.RevokeAsync(key.Id, "test", CancellationToken.None);
        var after = await client.GetAsync("/api/services", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var listed = (await keys.ListAsync(CancellationToken.None)).Single(k => k.Id == key.Id);
        Assert.NotNull(listed.LastUsedAt);
        Assert.NotNull(listed.RevokedAt);
    }

    [Fact]
    public async Task Healthz_NoSignIn_Returns200()
    {
        var client = app.CreateApiClient(key: null);

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : ApiKeyAuthenticationTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ApiKeyAuthenticationTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
