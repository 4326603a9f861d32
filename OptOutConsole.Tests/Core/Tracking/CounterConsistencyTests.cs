using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Tracking;

/// <summary>
/// Property: after any sequence of inbound messages through the real webhook (concurrent bursts, retries of the same
/// MessageSid, matches and non-matches, several senders and countries), the per-day counters equal the events grouped.
/// </summary>
public abstract class CounterConsistencyTests(ConsoleAppFactory app)
{
    private static readonly string[] Numbers = ["+14155550121", "+14155550122", "+14165550123", "+525512345678", "+447400123456", "+14155550123"];
    private static readonly string[] Bodies = ["STOP", "start", "HELP", "info", "Sushi", "basta", "hello there", " Stop! ", "UNSUBSCRIBE", "baja", "ayuda", "yes"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task RandomInboundSequence_CountersEqualEventsGrouped(int seed)
    {
        var random = new Random(seed);
        var sid = await ServiceAsync($"Counters {seed}");
        var client = app.CreateApiClient(key: null);
        var sent = new List<string>();

        for (var burst = 0; burst < 8; burst++)
        {
            await TwilioRequests.PostRandomBurstAsync(client, sid, random, Numbers, Bodies, sent, Ct);
        }

        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var events = (await db.Events.Where(e => e.ServiceSid == sid).Select(e => new { e.Time, e.Type, e.Country, e.Keyword, e.AnsweredBy }).ToListAsync(Ct))
            .GroupBy(e => (Day: (int)(e.Time.ToUnixTimeMilliseconds() / 86_400_000L), e.Type, e.Country, e.Keyword, e.AnsweredBy))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var counters = (await db.DailyCounters.Where(c => c.ServiceSid == sid).ToListAsync(Ct))
            .ToDictionary(c => (c.Day, c.Type, c.Country, c.Keyword, c.AnsweredBy), c => c.Count);
        Assert.NotEmpty(events);
        Assert.Equal(events.OrderBy(e => e.Key.ToString()), counters.OrderBy(c => c.Key.ToString()));
        Assert.Equal(await db.ProcessedMessages.CountAsync(m => m.ServiceSid == sid, Ct), sent.Distinct().Count());
    }

    private async Task<string> ServiceAsync(string name) =>
        await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), name, d =>
        {
            d["global"]!["optIn"]!["keywords"]!.AsArray().Add("SUSHI");
            d["global"]!["optOut"]!["keywords"]!.AsArray().Add("BASTA");
            d["languages"] = new JsonArray(JsonNode.Parse("""
                { "language": "es", "optOut": { "keywords": ["BAJA"], "reply": "Baja confirmada." },
                  "optIn": { "keywords": ["ALTA"], "reply": "Alta confirmada." }, "help": { "keywords": ["AYUDA"], "reply": "Ayuda." } }
                """));
            d["senders"] = new JsonArray();
        }, Ct);

    public sealed class OnSqlite(ConsoleAppFactory app) : CounterConsistencyTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : CounterConsistencyTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
