using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>The real app over a SQLite file, whose clock is <see cref="Clock"/> (pinned at <see cref="Start"/> until a test moves it).</summary>
public class ClockedConsoleAppFactory : ConsoleAppFactory
{
    /// <summary>A Thursday afternoon, UTC: 10 business days later is the Thursday two weeks on, across two weekends.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 10, 14, 30, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
