using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OptOutConsole.Core.Retention;

/// <summary>Runs <see cref="RetentionService"/> a minute after start-up and then every <c>Retention:RunEveryMinutes</c> (none when 0).</summary>
public sealed class RetentionJob(RetentionService retention, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (retention.Options.RunEveryMinutes <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromMinutes(retention.Options.RunEveryMinutes);
        try
        {
            await Task.Delay(FirstRunAfter, clock, stoppingToken);
            using var timer = new PeriodicTimer(interval, clock);
            do
            {
                try
                {
                    await retention.RunAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next run tries again; what it would remove stays until then, nothing else is affected.
                    logger.LogError(ex, "The retention run failed; the next runs in {Interval}", interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
