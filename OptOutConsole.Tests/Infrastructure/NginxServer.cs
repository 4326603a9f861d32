using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// Debian's nginx with the shipped example (docs/deploy/nginx.conf), its upstream servers and listen address replaced
/// by the test's, in a folder of its own. Without /usr/sbin/nginx the tests skip, unless <c>OPTOUT_REQUIRE_NGINX=1</c>
/// (set by .ci/run), which makes the skip a failure.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process process;
    private readonly string folder;

    private NginxServer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static void Require()
    {
        if (File.Exists(Binary))
        {
            return;
        }

        const string message = "The nginx tests need Debian's nginx: run 'apt-get install -y nginx' (as root).";
        if (Environment.GetEnvironmentVariable("OPTOUT_REQUIRE_NGINX") == "1")
        {
            Assert.Fail(message + " OPTOUT_REQUIRE_NGINX=1 makes this a failure.");
        }

        Assert.Skip(message);
    }

    /// <summary>Starts nginx in front of <paramref name="upstreams"/> (host:port each) and waits until it answers.</summary>
    public static async Task<NginxServer> StartAsync(IReadOnlyList<string> upstreams, CancellationToken ct)
    {
        Require();
        var folder = Directory.CreateTempSubdirectory("optout-nginx-").FullName;
        foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(folder, temp));
        }

        // nginx's workers may run as another user than the tests: let them write their temporary files.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var dir in Directory.GetDirectories(folder).Prepend(folder))
            {
                File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
            }
        }

        var port = FreePort();
        var site = string.Join('\n', File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "deploy", "nginx.conf"))
            .Where(line => !line.TrimStart().StartsWith("server 127.0.0.1:", StringComparison.Ordinal))
            .Select(line => line.Trim() switch
            {
                "listen 80;" => $"    listen 127.0.0.1:{port};",
                "keepalive 64;" => string.Join('\n', upstreams.Select(u => $"    server {u} max_fails=3 fail_timeout=10s;")) + "\n    keepalive 64;",
                _ => line,
            }));
        File.WriteAllText(Path.Combine(folder, "site.conf"), site);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            worker_processes 1;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/site.conf;
            }
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var nginx = new NginxServer(process, folder, port);
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, ct);
                return nginx;
            }
            catch (SocketException) when (tries < 100 && !process.HasExited)
            {
                await Task.Delay(50, ct);
            }
            catch (SocketException)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log"), ct) : string.Empty;
                await nginx.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start: {await process.StandardError.ReadToEndAsync(ct)} {log}");
            }
        }
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (an address of 127.0.0.0/8), sharing <paramref name="cookies"/>.</summary>
    public static HttpClient Client(IPAddress source, CookieContainer cookies) => new(new SocketsHttpHandler
    {
        CookieContainer = cookies,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OptOutConsole.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OptOutConsole.sln) is not above " + AppContext.BaseDirectory);
    }
}
