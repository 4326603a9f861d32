using System.Net;
using System.Text.RegularExpressions;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Cluster;

/// <summary>
/// Two instances behind Debian's nginx with the shipped example configuration (docs/deploy/nginx.conf): what one
/// instance issues (the sign-in cookie, an antiforgery token) the other accepts, because the Data Protection keys
/// live in the shared database; and the example keeps a client on one instance (sticky by address).
/// </summary>
public sealed partial class NginxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInOnA_ThenAPageOnB_ThroughNginx_IsSignedIn()
    {
        NginxServer.Require();
        PostgresServer.Require();
        using var a = new PostgresConsoleAppFactory();
        using var b = a.OnSameDatabase();
        var upstreams = new[] { Serve(a), Serve(b) };
        await using var nginx = await NginxServer.StartAsync(upstreams, Ct);

        // Find a client address the example sends to A and one it sends to B.
        var byInstance = new Dictionary<string, IPAddress>();
        for (var last = 1; last < 64 && byInstance.Count < 2; last++)
        {
            var source = IPAddress.Parse($"127.0.0.{last}");
            using var probe = NginxServer.Client(source, new CookieContainer());
            var response = await probe.GetAsync(nginx.BaseUrl + "/healthz", Ct);
            byInstance.TryAdd(ServedBy(response), source);
        }

        Assert.Equal(upstreams.Order(), byInstance.Keys.Order());
        var cookies = new CookieContainer();
        using var viaA = NginxServer.Client(byInstance[upstreams[0]], cookies);
        using var viaB = NginxServer.Client(byInstance[upstreams[1]], cookies);

        // Sticky: the same client always reaches the same instance.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(upstreams[0], ServedBy(await viaA.GetAsync(nginx.BaseUrl + "/healthz", Ct)));
        }

        // The login form and its antiforgery token come from A; the form is posted to B, which signs in.
        var form = await viaA.GetAsync(nginx.BaseUrl + "/Account/Login", Ct);
        Assert.Equal(upstreams[0], ServedBy(form));
        var token = TokenRegex().Match(await form.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        var signIn = await viaB.PostAsync(nginx.BaseUrl + "/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = ConsoleAppFactory.AdminEmail,
            ["Input.Password"] = ConsoleAppFactory.AdminPassword,
        }), Ct);
        Assert.Equal(upstreams[1], ServedBy(signIn));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/Account/Login", signIn.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);

        // The sign-in cookie B issued opens a page on A, and one on B.
        var onA = await viaA.GetAsync(nginx.BaseUrl + "/services", Ct);
        var onB = await viaB.GetAsync(nginx.BaseUrl + "/services", Ct);

        Assert.Equal(upstreams[0], ServedBy(onA));
        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        Assert.Contains("Services", await onA.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(upstreams[1], ServedBy(onB));
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
    }

    private static string Serve(ConsoleAppFactory app)
    {
        app.UseKestrel(0);
        app.StartServer();
        return app.ClientOptions.BaseAddress.Authority.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
    }

    private static string ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Served-By", out var values) ? values.Single() : throw new InvalidOperationException($"No X-Served-By on {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
