using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Cluster;

/// <summary>
/// Two console processes on one PostgreSQL database under load, and one of them killed with SIGKILL mid-load: an
/// answer either instance gave is a durable promise, and the other instance goes on answering.
/// </summary>
public sealed class CrashTests
{
    private const string PublicBase = "https://sms.example.com";
    private static readonly string[] Keywords = ["STOP", "START", "HELP", "stop", "Unsubscribe", "yes"];
    private static readonly string[] Chatter = ["hello", "What time do you open?", "thanks!", "see you at 7"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigkillOfOneInstanceMidLoad_EveryAcknowledgedEventIsStored_AndTheOtherKeepsAnswering()
    {
        PostgresServer.Require();
        using var database = TestDatabase.Postgres();
        IEnumerable<KeyValuePair<string, string?>> settings =
        [
            .. database.Settings,
            new("Bootstrap:ApiKey", ConsoleAppFactory.ApiKey),
            new("Twilio:AuthToken", ConsoleAppFactory.TwilioAuthToken),
            new("Twilio:PublicBaseUrl", PublicBase),
        ];
        await using var a = await ConsoleProcess.StartAsync(settings, Ct);
        await using var b = await ConsoleProcess.StartAsync(settings, Ct);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
        var to = "+14155550100";
        await CreateServiceAsync(http, a.BaseUrl, to);

        // Warm both up (JIT, the compiled service, pooled connections), so the load is a load from its first second.
        foreach (var instance in new[] { a, b })
        {
            for (var i = 0; i < 20; i++)
            {
                using var request = TwilioRequests.Signed(TwilioRequests.SmsPath, TwilioRequests.Inbound("+14155550199", "HELP", to: to), baseUrl: PublicBase);
                request.RequestUri = new Uri(instance.BaseUrl + TwilioRequests.SmsPath);
                (await http.SendAsync(request, Ct)).EnsureSuccessStatusCode();
            }
        }

        var results = new ConcurrentBag<Result>();
        var killedAt = TimeSpan.FromSeconds(1.5);
        var clock = Stopwatch.StartNew();
        var killed = false;

        var load = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(4); i++)
            {
                var onA = (i + worker) % 2 == 0;
                var keyword = random.Next(3) > 0;
                var parameters = TwilioRequests.Inbound($"+1415556{random.Next(200):D4}", keyword ? Keywords[random.Next(Keywords.Length)] : Chatter[random.Next(Chatter.Length)], to: to);
                var sent = clock.Elapsed;
                int status;
                try
                {
                    using var request = TwilioRequests.Signed(TwilioRequests.SmsPath, parameters, baseUrl: PublicBase);
                    request.RequestUri = new Uri((onA ? a : b).BaseUrl + TwilioRequests.SmsPath);
                    using var response = await http.SendAsync(request, Ct);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                results.Add(new Result(onA, parameters["MessageSid"], keyword, status, sent));
            }
        }, Ct)).ToList();

        await Task.Delay(killedAt, Ct);
        a.Kill();
        killed = true;
        await Task.WhenAll(load);

        Assert.True(killed);
        TestContext.Current.SendDiagnosticMessage($"{results.Count} sent, {results.Count(r => r.OnA && r.Status == 200)} answered by A, {results.Count(r => !r.OnA && r.Status == 200)} by B");
        var acknowledged = results.Where(r => r.Status is >= 200 and < 300).ToList();
        var afterKill = acknowledged.Where(r => !r.OnA && r.Sent > killedAt + TimeSpan.FromMilliseconds(500)).ToList();
        Assert.True(acknowledged.Count(r => r.OnA) > 50, $"A answered {acknowledged.Count(r => r.OnA)} before it was killed");
        Assert.True(afterKill.Count > 50, $"B answered {afterKill.Count} after A was killed");
        Assert.DoesNotContain(results, r => !r.OnA && r.Status != 200);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        var events = await SidsAsync(connection, """SELECT "MessageSid" FROM "Events" """);
        var processed = await SidsAsync(connection, """SELECT "MessageSid" FROM "ProcessedMessages" """);
        var missingEvents = acknowledged.Where(r => r.Keyword && !events.Contains(r.MessageSid)).ToList();
        var missingAnswers = acknowledged.Where(r => !processed.Contains(r.MessageSid)).ToList();
        Assert.True(missingEvents.Count == 0, $"{missingEvents.Count} acknowledged keyword messages have no event, e.g. {missingEvents.FirstOrDefault()}");
        Assert.True(missingAnswers.Count == 0, $"{missingAnswers.Count} acknowledged messages have no stored answer");
    }

    private sealed record Result(bool OnA, string MessageSid, bool Keyword, int Status, TimeSpan Sent);

    private static async Task CreateServiceAsync(HttpClient http, string baseUrl, string sender)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/services") { Content = JsonContent.Create(new { friendlyName = "Crash Co", senders = new[] { sender } }) };
        create.Headers.Authorization = new("Bearer", ConsoleAppFactory.ApiKey);
        var response = await http.SendAsync(create, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        _ = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
    }

    private static async Task<HashSet<string>> SidsAsync(NpgsqlConnection connection, string sql)
    {
        var sids = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            if (!reader.IsDBNull(0))
            {
                sids.Add(reader.GetString(0));
            }
        }

        return sids;
    }
}
