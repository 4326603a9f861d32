using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Review;

/// <summary>
/// Opts out every review item still open at its due date, once a minute (<see cref="ReviewQueue.OptOutOverdueAsync"/>).
/// Every instance runs it; an item is decided once whichever instance gets to it.
/// </summary>
public sealed class ReviewDeadlineJob(ReviewQueue queue, TimeProvider clock, ILogger<ReviewDeadlineJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    int done;
                    while ((done = await queue.OptOutOverdueAsync(stoppingToken)) > 0)
                    {
                        logger.LogInformation("{Count} review items reached their due date and were opted out.", done);
                        if (done < ReviewQueue.DeadlineBatch)
                        {
                            break;
                        }
                    }
                }
                catch (Exception ex) when (AppDatabase.IsRefusal(ex))
                {
                    logger.LogWarning(ex, "The review deadline could not run; it tries again in a minute.");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Whatever it was, the deadline must keep running: a job that ended would stop the whole console.
                    logger.LogError(ex, "The review deadline failed; it tries again in a minute.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
