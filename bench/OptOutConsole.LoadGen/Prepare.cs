using System.Text;
using OptOutConsole.Core.Inbound;

namespace OptOutConsole.LoadGen;

/// <summary>Writes one signed request a line: "signature TAB form-body", each with a unique MessageSid.</summary>
internal static class Prepare
{
    public static int Run(Options o)
    {
        var url = o.Get("url").TrimEnd('/') + "/api/twilio/sms";
        var token = o.Get("token");
        var sid = o.Get("sid");
        var count = o.Int("count", 400_000);
        var random = new Random(o.Int("seed", 42));
        var senders = TrafficMix.Senders(20_000, random);

        // Free-text opt-out requests per 1,000 requests (default 10: 1 %); each is a review item in mode review.
        var optOuts = o.Int("free-text-optouts", 10);
        var keywords = 0;
        using var output = new StreamWriter(o.Get("out"), false, new UTF8Encoding(false), 1 << 20);
        for (var i = 0; i < count; i++)
        {
            var (body, isKeyword) = TrafficMix.Body(random, optOuts);
            keywords += isKeyword ? 1 : 0;
            var parameters = new Dictionary<string, string>
            {
                ["AccountSid"] = "AC00000000000000000000000000000000",
                ["ApiVersion"] = "2010-04-01",
                ["Body"] = body,
                ["From"] = senders[random.Next(senders.Count)],
                ["MessageSid"] = $"SM{i:x8}{random.NextInt64():x16}{random.Next():x8}",
                ["MessagingServiceSid"] = sid,
                ["NumMedia"] = "0",
                ["To"] = "+14155550171",
            };
            var signature = TwilioSignature.Compute(url, parameters, token);
            var form = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            output.Write(signature);
            output.Write('\t');
            output.Write(form);
            output.Write('\n');
        }

        Console.WriteLine($"prepared {count} signed requests ({keywords} keywords) for {url}");
        return 0;
    }
}
