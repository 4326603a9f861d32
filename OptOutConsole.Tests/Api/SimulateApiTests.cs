using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary><c>POST /api/services/{sid}/simulate</c> with odd senders: a clear 400 naming the field, never a guess.</summary>
public sealed class SimulateApiTests(DemoConsoleAppFactory app) : IClassFixture<DemoConsoleAppFactory>
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{\"body\": \"STOP\", \"fromCountry\": \"XX\"}", "request.fromCountry", "fromCountry")]
    [InlineData("{\"from\": \"4155550123\", \"body\": \"STOP\", \"fromCountry\": \"ZZZ\"}", "request.fromCountry", "fromCountry")]
    [InlineData("{\"from\": \"+1415abc0123\", \"body\": \"STOP\"}", "request.from", "from")]
    [InlineData("{\"body\": \"STOP\"}", "request.from", "from")]
    [InlineData("{\"from\": \"+14155550123\"}", "request.body", "body")]
    public async Task Simulate_OddSender_400NamesTheField(string body, string code, string path)
    {
        var sid = await app.DemoSidAsync();

        var response = await client.PostAsync($"/api/services/{sid}/simulate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal((code, path), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Simulate_CountryOnlyInLowerCase_AnsweredByThatCountry()
    {
        var sid = await app.DemoSidAsync();

        var response = await client.PostAsJsonAsync($"/api/services/{sid}/simulate", new { body = "STOP", fromCountry = "mx" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("country MX", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["answeredBy"]!.GetValue<string>());
    }
}
