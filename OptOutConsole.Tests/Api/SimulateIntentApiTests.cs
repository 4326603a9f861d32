using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// <c>POST /api/services/{sid}/simulate</c> answers <c>possibleOptOut</c> (DESIGN 3.5, 5.2): what the webhook would
/// detect in a text no keyword matched and what the service's mode would do with it, with no effect on anything. On
/// SQLite and on PostgreSQL (the service's config is read from the database).
/// </summary>
public abstract class SimulateIntentApiTests(ConsoleAppFactory app)
{
    private const string Us = "+14155550123";

    private readonly HttpClient api = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Review_DetectedRequest_PossibleOptOutWithActionReviewAndNoReply()
    {
        var sid = await ServiceAsync("review");

        var result = await SimulateAsync(sid, "please stop texting me");

        var possible = result["possibleOptOut"]!.AsObject();
        Assert.Equal(["score", "phrase", "language", "action"], possible.Select(p => p.Key));
        Assert.InRange(possible["score"]!.GetValue<double>(), 0.01, 1.0);
        Assert.Contains("stop", possible["phrase"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("en", "review"), (possible["language"]!.GetValue<string>(), possible["action"]!.GetValue<string>()));
        Assert.Null(result["optOutType"]);
        Assert.Null(result["reply"]);
        Assert.Equal("review", result["effect"]!.GetValue<string>());
    }

    [Fact]
    public async Task Block_DetectedRequest_PossibleOptOutWithActionBlockAndTheStopReply()
    {
        var sid = await ServiceAsync("block");

        var result = await SimulateAsync(sid, "please stop texting me");

        Assert.Equal("block", result["possibleOptOut"]!["action"]!.GetValue<string>());
        Assert.Equal("STOP", result["optOutType"]!.GetValue<string>());
        Assert.Equal("(detected)", result["matchedKeyword"]!.GetValue<string>());
        Assert.StartsWith("Intent Co: You are unsubscribed", result["reply"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("block", result["effect"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("no quiero más mensajes de ustedes", "es")]
    [InlineData("je ne veux plus de vos messages", "fr")]
    public async Task Review_RequestInAnotherLanguage_ItsLanguage(string body, string language)
    {
        var sid = await ServiceAsync("review");

        var result = await SimulateAsync(sid, body);

        Assert.Equal(language, result["possibleOptOut"]!["language"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("off", "please stop texting me")]
    [InlineData("review", "STOP")]
    [InlineData("block", "STOP")]
    [InlineData("review", "what time do you open on Sunday?")]
    [InlineData("block", "HELP")]
    public async Task NothingDetectedOrModeOff_PossibleOptOutNull(string mode, string body)
    {
        var sid = await ServiceAsync(mode);

        var result = await SimulateAsync(sid, body);

        Assert.True(result.AsObject().ContainsKey("possibleOptOut"));
        Assert.Null(result["possibleOptOut"]);
    }

    [Fact]
    public async Task AdvancedOptOutOff_DetectedRequest_PossibleOptOutNull()
    {
        var sid = await TwilioRequests.CreateServiceAsync(api, "Plain Co", d =>
        {
            d["optOutIntent"]!["mode"] = "block";
            d["advancedOptOutEnabled"] = false;
        }, Ct);

        var result = await SimulateAsync(sid, "please stop texting me");

        Assert.Null(result["possibleOptOut"]);
        Assert.Null(result["optOutType"]);
    }

    [Fact]
    public async Task ExtraPhraseOfTheService_Detected()
    {
        var sid = await TwilioRequests.CreateServiceAsync(api, "Phrase Co", d => d["optOutIntent"] = JsonNode.Parse("""{"mode": "review", "phrases": ["no more sushi deals"], "ignore": []}"""), Ct);

        var result = await SimulateAsync(sid, "ok no more sushi deals thanks");

        Assert.Equal("review", result["possibleOptOut"]!["action"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("review")]
    [InlineData("block")]
    public async Task Simulate_DetectedRequest_NoEffectOnAnything(string mode)
    {
        var sid = await ServiceAsync(mode);

        await SimulateAsync(sid, "please stop texting me");

        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.ReviewItems.CountAsync(r => r.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.BlockList.CountAsync(b => b.ServiceSid == sid, Ct));
        Assert.Equal(0, await db.Events.CountAsync(e => e.ServiceSid == sid, Ct));
    }

    private Task<string> ServiceAsync(string mode) =>
        TwilioRequests.CreateServiceAsync(api, "Intent Co", d => d["optOutIntent"]!["mode"] = mode, Ct);

    private async Task<JsonNode> SimulateAsync(string sid, string body)
    {
        var response = await api.PostAsJsonAsync($"/api/services/{sid}/simulate", new { from = Us, body }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : SimulateIntentApiTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : SimulateIntentApiTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
