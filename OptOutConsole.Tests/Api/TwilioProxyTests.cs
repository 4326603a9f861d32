using System.Net;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>Behind a proxy the provider signs the public URL (Twilio:PublicBaseUrl), not the one the console sees.</summary>
public sealed class TwilioProxyTests : IClassFixture<TwilioProxyTests.ProxiedApp>
{
    private readonly ProxiedApp app;

    public TwilioProxyTests(ProxiedApp app) => this.app = app;

    [Theory]
    [InlineData("https://sms.example.com", HttpStatusCode.OK)]
    [InlineData("http://localhost", HttpStatusCode.Forbidden)]
    public async Task Inbound_SignedFor_PublicUrlAcceptedLocalRefused(string signedBase, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var sid = await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), $"Proxy {expected}", _ => { }, ct);

        var response = await app.CreateApiClient(key: null).SendAsync(TwilioRequests.Signed(TwilioRequests.SmsPath, TwilioRequests.Inbound("+14155550123", "HELP", sid), baseUrl: signedBase), ct);

        Assert.Equal(expected, response.StatusCode);
    }

    public sealed class ProxiedApp() : ConsoleAppFactory(false, new Dictionary<string, string?> { ["Twilio:PublicBaseUrl"] = "https://sms.example.com/" });
}
