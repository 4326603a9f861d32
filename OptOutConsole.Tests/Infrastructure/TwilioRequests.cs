using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OptOutConsole.Core.Inbound;
using Twilio.Security;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>Builds signed Twilio webhook requests. Every signature is also checked with Twilio's own RequestValidator.</summary>
public static class TwilioRequests
{
    public const string SmsPath = "/api/twilio/sms";
    public const string StatusPath = "/api/twilio/status";

    private static int counter;

    public static string NewMessageSid() => $"SM{Guid.NewGuid():N}";

    public static Dictionary<string, string> Inbound(string from, string body, string? messagingServiceSid = null, string to = "+14155550100", string? messageSid = null)
    {
        var p = new Dictionary<string, string>
        {
            ["MessageSid"] = messageSid ?? NewMessageSid(),
            ["AccountSid"] = "AC" + new string('0', 32),
            ["From"] = from,
            ["To"] = to,
            ["Body"] = body,
            ["NumMedia"] = "0",
            ["ApiVersion"] = "2010-04-01",
            ["SmsStatus"] = "received",
        };
        if (messagingServiceSid is not null)
        {
            p["MessagingServiceSid"] = messagingServiceSid;
        }

        Interlocked.Increment(ref counter);
        return p;
    }

    public static HttpRequestMessage Signed(string path, IDictionary<string, string> parameters, string token = ConsoleAppFactory.TwilioAuthToken, string baseUrl = "http://localhost")
    {
        var url = baseUrl + path;
        var signature = TwilioSignature.Compute(url, parameters, token);

        // Our algorithm must agree with the Twilio library's validator, or a real provider's requests would fail.
        Assert.True(new RequestValidator(token).Validate(url, new Dictionary<string, string>(parameters), signature));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Add(TwilioSignature.HeaderName, signature);
        return request;
    }

    public static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string path, IDictionary<string, string> parameters, CancellationToken ct) =>
        await client.SendAsync(Signed(path, parameters), ct);

    /// <summary>
    /// Posts a burst of 1-8 concurrent signed messages with random senders and bodies; about one in six repeats an
    /// earlier MessageSid (a provider retry). Every answer must be a success. <paramref name="sent"/> collects the SIDs.
    /// </summary>
    public static async Task PostRandomBurstAsync(HttpClient client, string sid, Random random, string[] numbers, string[] bodies, List<string> sent, CancellationToken ct)
    {
        var posts = Enumerable.Range(0, random.Next(1, 9)).Select(_ =>
        {
            var messageSid = sent.Count > 0 && random.Next(6) == 0 ? sent[random.Next(sent.Count)] : NewMessageSid();
            sent.Add(messageSid);
            var p = Inbound(numbers[random.Next(numbers.Length)], bodies[random.Next(bodies.Length)], sid, messageSid: messageSid);
            return PostSignedAsync(client, SmsPath, p, ct);
        }).ToList();
        foreach (var response in await Task.WhenAll(posts))
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Creates a service through the API with <paramref name="mutate"/> applied to its default document; returns its SID.</summary>
    public static async Task<string> CreateServiceAsync(HttpClient api, string name, Action<JsonNode> mutate, CancellationToken ct)
    {
        var created = await api.PostAsJsonAsync("/api/services", new { friendlyName = name }, ct);
        created.EnsureSuccessStatusCode();
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(ct))!["sid"]!.GetValue<string>();
        var document = JsonNode.Parse(await api.GetStringAsync($"/api/services/{sid}/config", ct))!;
        mutate(document);
        var put = await api.PutAsync($"/api/services/{sid}/config", new StringContent(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(ct));
        return sid;
    }
}
