using OptOutConsole.Core.Services;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>The real app over a fresh SQLite file seeded with the demo service "Sushi Rewards" (its only service).</summary>
public sealed class DemoConsoleAppFactory : ConsoleAppFactory
{
    public DemoConsoleAppFactory()
        : base(seedDemo: true, extraSettings: null)
    {
    }

    /// <summary>Starts the host (which seeds the demo) and returns the demo service's SID.</summary>
    public async Task<string> DemoSidAsync()
    {
        _ = Server;
        var services = await Service<ServiceCatalog>().ListAsync(DemoData.ServiceName, CancellationToken.None);
        return Assert.Single(services).Sid;
    }
}
