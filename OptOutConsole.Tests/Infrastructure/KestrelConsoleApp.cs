namespace OptOutConsole.Tests.Infrastructure;

/// <summary>The real app served by Kestrel on a free loopback port, for a real browser.</summary>
public sealed class KestrelConsoleApp : ConsoleAppFactory
{
    public KestrelConsoleApp(bool seedDemo = false, IDictionary<string, string?>? extraSettings = null)
        : base(seedDemo, extraSettings)
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; }
}
