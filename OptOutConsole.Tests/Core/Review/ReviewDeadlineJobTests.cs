using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Review;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Review;

/// <summary>
/// The background job that keeps the 10 business days (DESIGN 3.5): started with its clock past an item's due date,
/// its first round opts the item out, on each provider. The item is due in the real clock's future, so the app's own
/// job leaves it alone.
/// </summary>
public abstract class ReviewDeadlineJobTests(ConsoleAppFactory app)
{
    private static readonly DateTimeOffset Received = new(2031, 3, 7, 9, 0, 0, TimeSpan.Zero); // a Friday

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_ClockPastDueDate_FirstRoundOptsTheItemOut()
    {
        var sid = await TwilioRequests.CreateServiceAsync(app.CreateApiClient(), $"Job {Guid.NewGuid():N}"[..20], _ => { }, Ct);
        var dbFactory = app.Service<IDbContextFactory<AppDbContext>>();
        long id;
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            var item = new ReviewItem
            {
                ServiceSid = sid,
                From = "+14155550131",
                Body = "take me off this list",
                ReceivedAt = Received,
                DueAt = BusinessDays.DueAfter(Received),
                Score = 0.9,
                Phrase = "take me off this list",
                PhraseLength = 21,
                Language = "en",
                Status = ReviewStatuses.Open,
            };
            db.ReviewItems.Add(item);
            await db.SaveChangesAsync(Ct);
            id = item.Id;
        }

        // Friday 7 March + 10 business days = Friday 21 March, 09:00 UTC.
        var due = new DateTimeOffset(2031, 3, 21, 9, 0, 0, TimeSpan.Zero);
        var clock = new TestClock(due);
        var logger = new RoundLogger();
        var queue = new ReviewQueue(dbFactory, clock);
        using var job = new ReviewDeadlineJob(queue, clock, logger);

        await job.StartAsync(Ct);
        var logged = await logger.OptedOut.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await job.StopAsync(Ct);

        Assert.Contains("opted out", logged, StringComparison.Ordinal);
        var decided = await queue.GetAsync(sid, id, Ct);
        Assert.Equal((ReviewStatuses.Decided, ReviewDecisions.OptOut, ReviewDecisions.DeadlineActor, due), (decided!.Status, decided.Decision, decided.DecidedBy, decided.DecidedAt));
        await using var check = await dbFactory.CreateDbContextAsync(Ct);
        Assert.Equal("review-deadline", (await check.BlockList.SingleAsync(b => b.ServiceSid == sid, Ct)).Source);
    }

    /// <summary>Completes <see cref="OptedOut"/> with the job's first "opted out" message.</summary>
    private sealed class RoundLogger : ILogger<ReviewDeadlineJob>
    {
        public TaskCompletionSource<string> OptedOut { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (logLevel == LogLevel.Information && message.Contains("opted out", StringComparison.Ordinal))
            {
                OptedOut.TrySetResult(message);
            }
            else if (logLevel >= LogLevel.Warning)
            {
                OptedOut.TrySetException(exception ?? new InvalidOperationException(message));
            }
        }
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : ReviewDeadlineJobTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ReviewDeadlineJobTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
