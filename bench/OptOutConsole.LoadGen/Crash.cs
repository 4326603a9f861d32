using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OptOutConsole.Core.Inbound;

namespace OptOutConsole.LoadGen;

/// <summary>
/// Crash safety: runs the console as a child process, loads it with signed inbound messages from several workers,
/// SIGKILLs it in the middle, restarts it over the same file, and checks that every message that got a 2xx answer
/// is stored (its remembered answer, and its tracking event when it was a keyword).
/// </summary>
internal static class Crash
{
    private const string ApiKey = "ooc_crash_test_key_0123456789abcdef";

    public static async Task<int> RunAsync(Options o)
    {
        var dll = Path.GetFullPath(o.Get("dll"));
        var db = Path.GetFullPath(o.Get("db"));
        var port = o.Int("port", 5098);
        var token = o.Get("token");
        var seconds = o.Int("seconds", 6);
        var workers = o.Int("workers", 32);
        var baseUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };

        var server = Start(dll, db, port, token);
        await WaitHealthyAsync(http);
        http.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        var created = await http.PostAsJsonAsync("/api/services", new { friendlyName = "Crash Test" });
        created.EnsureSuccessStatusCode();
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["sid"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = null;

        var acknowledged = new ConcurrentDictionary<string, bool>();
        var errors = 0;
        using var stop = new CancellationTokenSource();
        var url = baseUrl + "/api/twilio/sms";
        var load = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var senders = TrafficMix.Senders(200, random);
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var (body, _) = TrafficMix.Body(random, 10);
                var messageSid = $"SM{w:x4}{n++:x8}{random.NextInt64():x16}";
                var parameters = new Dictionary<string, string>
                {
                    ["MessageSid"] = messageSid,
                    ["MessagingServiceSid"] = sid,
                    ["From"] = senders[random.Next(senders.Count)],
                    ["To"] = "+14155550171",
                    ["Body"] = body,
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/twilio/sms") { Content = new FormUrlEncodedContent(parameters) };
                request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(url, parameters, token));
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged[messageSid] = (await response.Content.ReadAsStringAsync()).Contains("<Message>", StringComparison.Ordinal);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception)
                {
                    // The server was killed: this request was never acknowledged.
                    Interlocked.Increment(ref errors);
                    if (server.HasExited)
                    {
                        return;
                    }
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var atKill = acknowledged.Count;
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Console.WriteLine($"killed the server (SIGKILL) after {seconds} s: {acknowledged.Count} messages acknowledged with 2xx ({atKill} counted at the kill), {errors} failed or cut off");

        var restarted = Start(dll, db, port, token);
        try
        {
            await WaitHealthyAsync(http);
            var stored = new HashSet<string>(StringComparer.Ordinal);
            var events = new HashSet<string>(StringComparer.Ordinal);
            await using (var connection = new SqliteConnection($"Data Source={db}"))
            {
                await connection.OpenAsync();
                await ReadAsync(connection, "SELECT MessageSid FROM ProcessedMessages WHERE ServiceSid = $s", sid, stored);
                await ReadAsync(connection, "SELECT MessageSid FROM Events WHERE ServiceSid = $s", sid, events);
            }

            var missing = acknowledged.Keys.Count(k => !stored.Contains(k));
            var keywordAcks = acknowledged.Where(a => a.Value).Select(a => a.Key).ToList();
            var missingEvents = keywordAcks.Count(k => !events.Contains(k));
            var extra = stored.Count - acknowledged.Keys.Count(stored.Contains);
            Console.WriteLine($"after restart: {stored.Count} messages stored; acknowledged but missing: {missing}; keyword answers {keywordAcks.Count}, their events missing: {missingEvents}; stored but never acknowledged (in flight at the kill): {extra}");
            var after = await http.SendAsync(Signed(url, sid, token));
            Console.WriteLine($"a new message after the restart: HTTP {(int)after.StatusCode}");
            var ok = missing == 0 && missingEvents == 0 && after.IsSuccessStatusCode && acknowledged.Count > 0;
            Console.WriteLine(ok ? "crash safety: ok" : "crash safety: FAIL");
            return ok ? 0 : 1;
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }

    private static HttpRequestMessage Signed(string url, string sid, string token)
    {
        var parameters = new Dictionary<string, string>
        {
            ["MessageSid"] = $"SM{Guid.NewGuid():N}",
            ["MessagingServiceSid"] = sid,
            ["From"] = "+14155550123",
            ["To"] = "+14155550171",
            ["Body"] = "HELP",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/twilio/sms") { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(url, parameters, token));
        return request;
    }

    private static async Task ReadAsync(SqliteConnection connection, string sql, string sid, HashSet<string> into)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", sid);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0))
            {
                into.Add(reader.GetString(0));
            }
        }
    }

    private static Process Start(string dll, string db, int port, string token)
    {
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Default"] = $"Data Source={db}";
        info.Environment["Twilio__AuthToken"] = token;
        info.Environment["Bootstrap__ApiKey"] = ApiKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The console did not become healthy within 60 s.");
    }
}
