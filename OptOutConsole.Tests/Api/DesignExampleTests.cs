using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// DESIGN 5.2's own examples, as a new user would try them on a console started the README way (with the demo
/// service): the example config document (sender +14155550100, es set with BAJA/ALTO) is accepted, its simulate
/// example answers, and the provider reaches the service by that sender.
/// </summary>
public sealed class DesignExampleTests(DemoConsoleAppFactory app) : IClassFixture<DemoConsoleAppFactory>
{
    private const string ExampleSender = "+14155550100";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExampleDocument_OnAConsoleWithTheDemo_SavedSimulatedAndReachedBySender()
    {
        _ = await app.DemoSidAsync();
        var api = app.CreateApiClient();
        var created = await api.PostAsJsonAsync("/api/services", new { friendlyName = "Sushi Rewards", senders = new[] { ExampleSender } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
        var document = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["languages"] = JsonNode.Parse("""
            [ { "language": "es",
                "optOut": { "keywords": ["BAJA", "ALTO"], "reply": "Sushi Rewards: te has dado de baja. Responde ALTA para volver." },
                "optIn":  { "keywords": ["ALTA"], "reply": "Sushi Rewards: te has suscrito. Responde BAJA para cancelar." },
                "help":   { "keywords": ["AYUDA"], "reply": "Sushi Rewards: ayuda en rewards@sushi.example. Responde BAJA para cancelar." } } ]
            """);

        var put = await api.PutAsync($"/api/services/{sid}/config", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        var simulated = await api.PostAsJsonAsync($"/api/services/{sid}/simulate", new { from = "+525512345678", body = "Baja" }, Ct);
        var inbound = TwilioRequests.Inbound("+525512345678", "Baja", messagingServiceSid: null, to: ExampleSender);
        var answer = await TwilioRequests.PostSignedAsync(app.CreateClient(), TwilioRequests.SmsPath, inbound, Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var result = JsonNode.Parse(await simulated.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("STOP", result["optOutType"]!.GetValue<string>());
        Assert.Equal("es", result["language"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("<Response><Message>Sushi Rewards: te has dado de baja. Responde ALTA para volver.</Message></Response>", await answer.Content.ReadAsStringAsync(Ct));
        var recipient = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/recipients/+525512345678", Ct))!;
        Assert.True(recipient["blocked"]!.GetValue<bool>());
    }
}
