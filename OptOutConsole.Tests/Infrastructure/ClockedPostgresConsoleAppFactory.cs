using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>The real app over a PostgreSQL database of its own, whose clock is <see cref="Clock"/> (see <see cref="ClockedConsoleAppFactory"/>).</summary>
public class ClockedPostgresConsoleAppFactory : PostgresConsoleAppFactory
{
    public TestClock Clock { get; } = new(ClockedConsoleAppFactory.Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
