using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary><c>/api/services/{sid}/test-cases</c> over the real app with the demo service, on SQLite and on PostgreSQL.</summary>
public abstract class TestCasesApiTests(ConsoleAppFactory app)
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostListDelete_CanadianArret_PassesThenGone()
    {
        var sid = await DemoSidAsync();

        var post = await client.PostAsJsonAsync($"/api/services/{sid}/test-cases", new { name = "api arret", from = "+14165550123", body = "Arrêt", expectedType = "STOP", expectedAnsweredBy = "language fr" }, Ct);
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/services/{sid}/test-cases", Ct);
        var item = list.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        Assert.True(item.GetProperty("passed").GetBoolean());
        Assert.Equal("language fr", item.GetProperty("actualAnsweredBy").GetString());

        var delete = await client.DeleteAsync($"/api/services/{sid}/test-cases/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/services/{sid}/test-cases/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Post_BadExpectedType_400WithProblem()
    {
        var sid = await DemoSidAsync();

        var post = await client.PostAsJsonAsync($"/api/services/{sid}/test-cases", new { name = "bad", from = "+14165550123", body = "STOP", expectedType = "BLOCK" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var problems = (await post.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems");
        Assert.Contains(problems.EnumerateArray(), p => p.GetProperty("code").GetString() == "testcase.invalid" && p.GetProperty("path").GetString() == "expectedType");
    }

    [Fact]
    public async Task List_WithoutKey_401()
    {
        var sid = await DemoSidAsync();

        var response = await app.CreateApiClient(key: null).GetAsync($"/api/services/{sid}/test-cases", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The demo service's SID (starting the console, which seeds it).</summary>
    private async Task<string> DemoSidAsync() => Assert.Single(await app.Service<ServiceCatalog>().ListAsync(DemoData.ServiceName, Ct)).Sid;

    public sealed class OnSqlite(DemoConsoleAppFactory app) : TestCasesApiTests(app), IClassFixture<DemoConsoleAppFactory>;

    public sealed class OnPostgres(PostgresDemoConsoleAppFactory app) : TestCasesApiTests(app.RequireDatabase()), IClassFixture<PostgresDemoConsoleAppFactory>;
}
