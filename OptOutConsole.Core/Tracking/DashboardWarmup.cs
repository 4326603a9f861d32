using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// Loads the counters into <see cref="CounterRollup"/> and the campaign conversions into <see cref="ConversionStats"/>
/// once the console has started, so the first visitor of the dashboard does not wait for them (1-3 s at 10 million
/// events; docs/performance.md).
/// </summary>
public sealed class DashboardWarmup(CounterRollup counters, ConversionStats conversions, TimeProvider clock, ILogger<DashboardWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var today = (int)(clock.GetUtcNow().ToUnixTimeMilliseconds() / 86_400_000L);
            await counters.AggregateAsync(null, null, null, today, today, perDay: false, stoppingToken);
            await conversions.LoadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Not fatal: the first dashboard query loads the counters itself.
            logger.LogWarning(ex, "The dashboard counters could not be loaded at start-up.");
        }
    }
}
