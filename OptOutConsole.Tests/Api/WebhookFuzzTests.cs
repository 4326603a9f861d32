using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// 10,000 generated malformed or hostile webhook requests (bad signatures, missing fields, random bytes, huge
/// bodies, odd encodings): none may get a 5xx, and none may change anything stored.
/// </summary>
public sealed class WebhookFuzzTests : IClassFixture<ConsoleAppFactory>
{
    private const int Requests = 10_000;
    private readonly ConsoleAppFactory app;

    public WebhookFuzzTests(ConsoleAppFactory app) => this.app = app;

    [Fact]
    public async Task TenThousandBadRequests_No5xxAndNothingStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var sid = await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), "Fuzz Target", d => d["senders"] = new System.Text.Json.Nodes.JsonArray("+14155550142"), ct);
        var client = app.CreateApiClient(key: null);
        var statuses = new int[600];
        var kinds = new Dictionary<string, int>();

        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var random = new Random(i);
            var (kind, request) = Generate(random, sid);
            using var response = await client.SendAsync(request, token);
            Interlocked.Increment(ref statuses[(int)response.StatusCode]);
            lock (kinds)
            {
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
        });

        var fiveHundreds = Enumerable.Range(500, 100).Sum(s => statuses[s]);
        Assert.Equal(0, fiveHundreds);
        Assert.Equal(Requests, Enumerable.Range(400, 100).Sum(s => statuses[s]));
        Assert.True(kinds.Count >= 10, string.Join(", ", kinds.Keys));
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        Assert.Equal(0, await db.Events.CountAsync(ct));
        Assert.Equal(0, await db.BlockList.CountAsync(ct));
        Assert.Equal(0, await db.ProcessedMessages.CountAsync(ct));
        Assert.Equal(0, await db.Outbox.CountAsync(ct));
        Assert.Equal(0, await db.DailyCounters.CountAsync(ct));
    }

    private static (string Kind, HttpRequestMessage Request) Generate(Random random, string sid)
    {
        var valid = TwilioRequests.Inbound("+14155550123", random.Next(2) == 0 ? "STOP" : "HELP", sid);
        switch (random.Next(13))
        {
            case 0:
                return ("random signature", WithSignature(Form(valid), Convert.ToBase64String(Bytes(random, 20))));
            case 1:
                return ("no signature", new HttpRequestMessage(HttpMethod.Post, TwilioRequests.SmsPath) { Content = Form(valid) });
            case 2:
                valid.Remove(random.Next(2) == 0 ? "From" : "Body");
                return ("signed, field missing", TwilioRequests.Signed(TwilioRequests.SmsPath, valid));
            case 3:
                valid["From"] = RandomText(random, random.Next(0, 30));
                return ("signed, From garbage", TwilioRequests.Signed(TwilioRequests.SmsPath, valid));
            case 4:
                return ("random bytes as form", WithSignature(new ByteArrayContent(Bytes(random, random.Next(0, 4000))) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } }, Convert.ToBase64String(Bytes(random, 20))));
            case 5:
                var type = new[] { "application/json", "text/plain", "application/octet-stream", "multipart/form-data; boundary=x", "text/xml" }[random.Next(5)];
                var content = new ByteArrayContent(Bytes(random, random.Next(0, 2000)));
                content.Headers.TryAddWithoutValidation("Content-Type", type);
                return ("random bytes, other type", new HttpRequestMessage(HttpMethod.Post, TwilioRequests.SmsPath) { Content = content });
            case 6:
                if (random.Next(20) == 0)
                {
                    valid["Body"] = new string('x', 65 * 1024 + random.Next(200 * 1024));
                    return ("huge body", TwilioRequests.Signed(TwilioRequests.SmsPath, valid));
                }

                return ("no body", new HttpRequestMessage(HttpMethod.Post, TwilioRequests.SmsPath));
            case 7:
                var odd = "From=%2B1415555%zz0123&Body=%E9%FF%C3&MessageSid=SM%00%01&MessagingServiceSid=" + sid + "&" + RandomText(random, 20);
                return ("odd encodings", WithSignature(new StringContent(odd, Encoding.Latin1, "application/x-www-form-urlencoded"), Convert.ToBase64String(Bytes(random, 20))));
            case 8:
                var signedElsewhere = TwilioRequests.Signed(TwilioRequests.SmsPath + "?x=1", valid);
                signedElsewhere.RequestUri = new Uri(TwilioRequests.SmsPath, UriKind.Relative);
                return ("signed for another URL", signedElsewhere);
            case 9:
                return ("wrong token", TwilioRequests.Signed(TwilioRequests.SmsPath, valid, token: RandomText(random, 16)));
            case 10:
                // Any length but NANP's ten digits after +1 (a possible number is a phone number, even a fictional one).
                var digits = random.Next(1, 24);
                valid["From"] = "+1" + new string('9', digits >= 10 ? digits + 1 : digits);
                valid.Remove("MessageSid");
                return ("signed, impossible number", TwilioRequests.Signed(TwilioRequests.SmsPath, valid));
            case 11:
                valid["MessageSid"] = new string('S', 65 + random.Next(1000));
                return ("signed, MessageSid too long", TwilioRequests.Signed(TwilioRequests.SmsPath, valid));
            default:
                var tampered = TwilioRequests.Signed(TwilioRequests.SmsPath, valid);
                valid["Body"] += RandomText(random, 1 + random.Next(5));
                tampered.Content = Form(valid);
                return ("tampered after signing", tampered);
        }
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> p) => new(p);

    private static HttpRequestMessage WithSignature(HttpContent content, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TwilioRequests.SmsPath) { Content = content };
        request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName, signature);
        return request;
    }

    private static byte[] Bytes(Random random, int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++)
        {
            chars[i] = (char)random.Next(1, 0x3000);
        }

        return new string(chars);
    }
}
