using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// A method an API path does not take is a 405 problem with <c>Allow</c>, also in Development (where the
/// static-asset fallback takes every GET and HEAD, so routing alone answered 404 "no API endpoint").
/// </summary>
public sealed class ApiMethodTests(ApiMethodTests.DevelopmentConsoleApp app) : IClassFixture<ApiMethodTests.DevelopmentConsoleApp>
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/simulate", "POST")]
    [InlineData("HEAD", "/simulate", "POST")]
    [InlineData("PUT", "/simulate", "POST")]
    [InlineData("GET", "/block-list/import", "DELETE, POST")]
    [InlineData("PATCH", "/config", "GET, PUT")]
    [InlineData("HEAD", "/config", "GET, PUT")]
    [InlineData("POST", "/recipients/+14155550123", "GET")]
    [InlineData("GET", "/test-cases/1", "DELETE")]
    public async Task MethodThePathDoesNotTake_405WithAllow(string method, string path, string allow)
    {
        var sid = await CreateServiceAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/services/{sid}{path}"), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        if (method != "HEAD")
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"takes {allow}, not {method}", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("GET", "/api/twilio/sms", "POST")]
    [InlineData("GET", "/api/twilio/status", "POST")]
    public async Task GetOnTheWebhooks_405(string method, string path, string allow)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("GET", "/api/services/x/nothing-here")]
    [InlineData("DELETE", "/api/nothing")]
    [InlineData("POST", "/api/services/x/config/extra")]
    public async Task PathNoEndpointHas_404Problem(string method, string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no API endpoint", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task DeleteTestCase_IdThatIsNoNumber_404SaysIdsAreNumbers(string id)
    {
        var sid = await CreateServiceAsync();

        var response = await client.DeleteAsync($"/api/services/{sid}/test-cases/{id}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("test case ids are whole numbers", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<string> CreateServiceAsync()
    {
        var created = await client.PostAsJsonAsync("/api/services", new { friendlyName = $"Methods {Guid.NewGuid():N}"[..20] }, Ct);
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
    }

    /// <summary>The console as <c>dotnet run</c> starts it: the Development environment.</summary>
    public sealed class DevelopmentConsoleApp : ConsoleAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
