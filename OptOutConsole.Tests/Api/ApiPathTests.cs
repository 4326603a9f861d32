using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// Paths as a client writes them, sent over a socket to Kestrel (HttpClient would resolve dot segments itself): a
/// <c>..</c> or <c>%2e%2e</c> where a value goes must not reach another endpoint.
/// </summary>
public sealed class ApiPathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("DELETE", "/block-list/%2e%2e?reason=x")]
    [InlineData("DELETE", "/block-list/..?reason=x")]
    [InlineData("DELETE", "/block-list/%2E%2e/?reason=x")]
    [InlineData("DELETE", "/test-cases/%2e%2e")]
    [InlineData("GET", "/recipients/%2e%2e/%2e%2e/%2e%2e/healthz")]
    public async Task DotSegmentWhereAValueGoes_400AndTheServiceIsKept(string method, string path)
    {
        await using var app = new KestrelConsoleApp();
        var api = app.CreateApiClient();
        api.BaseAddress = new Uri(app.BaseUrl);
        var created = await api.PostAsJsonAsync("/api/services", new { friendlyName = "Dots" }, Ct);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();

        var (status, response) = await SendRawAsync(app.BaseUrl, method, $"/api/services/{sid}{path}", Ct);

        Assert.Equal(400, status);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains("request.path", response, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/services/{sid}", Ct)).StatusCode);
    }

    [Fact]
    public async Task EncodedNumberInThePath_ReachesItsEndpoint()
    {
        await using var app = new KestrelConsoleApp();
        var api = app.CreateApiClient();
        api.BaseAddress = new Uri(app.BaseUrl);
        var created = await api.PostAsJsonAsync("/api/services", new { friendlyName = "Dots" }, Ct);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();

        var (status, response) = await SendRawAsync(app.BaseUrl, "DELETE", $"/api/services/{sid}/block-list/%2B1.415.555.0123?reason=x", Ct);

        Assert.Equal(404, status);
        Assert.Contains("+14155550123 is not on the block list", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonBodyWithBrokenChunks_400AndNothingCreated()
    {
        await using var app = new KestrelConsoleApp();
        var uri = new Uri(app.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port, Ct);
        await using var stream = tcp.GetStream();
        var request = $"POST /api/services HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer {ConsoleAppFactory.ApiKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{{\"fri\r\nZZ\r\nendlyName\": \"Cut\"}}\r\n0\r\n\r\n";

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(Ct);

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal error", response, StringComparison.Ordinal);
        var api = app.CreateApiClient();
        api.BaseAddress = new Uri(app.BaseUrl);
        Assert.Empty(JsonNode.Parse(await api.GetStringAsync("/api/services", Ct))!.AsArray());
    }

    private static async Task<(int Status, string Response)> SendRawAsync(string baseUrl, string method, string target, CancellationToken ct)
    {
        var uri = new Uri(baseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port, ct);
        await using var stream = tcp.GetStream();
        var request = $"{method} {target} HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer {ConsoleAppFactory.ApiKey}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(ct);
        return (int.Parse(response.Split(' ')[1], CultureInfo.InvariantCulture), response);
    }
}
