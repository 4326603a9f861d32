using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// Delivers the outbox: POSTs each inbound message (plus <c>OptOutType</c>) to the service's webhook URL, signed like
/// Twilio signs, and marks it delivered only after a 2xx. Failures are retried with exponential back-off across
/// restarts (the rows are durable), so nothing is lost while the receiver is down.
/// </summary>
public sealed class OutboxForwarder(
    IDbContextFactory<AppDbContext> dbFactory,
    IHttpClientFactory httpFactory,
    IOptionsMonitor<TwilioOptions> twilio,
    InboundWriter writer,
    TimeProvider clock,
    ILogger<OutboxForwarder> logger) : BackgroundService
{
    public const string HttpClientName = "outbox";
    public const int BatchSize = 64;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Raised after the results of a delivery round are stored (how many were delivered).</summary>
    public event Action<int>? RoundStored;

    /// <summary>Delay before attempt <paramref name="attempts"/> + 1: 2 s, 4 s, 8 s, … up to 10 minutes.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(attempts, 1, 20))));

    /// <summary>Wakes the loop now (after a commit that queued forwards, or an admin's retry).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        writer.Committed += OnCommitted;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int sent;
                try
                {
                    sent = await DeliverDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The outbox loop failed; it tries again shortly.");
                    sent = 0;
                }

                if (sent < BatchSize)
                {
                    await wake.WaitAsync(PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            writer.Committed -= OnCommitted;
        }
    }

    /// <summary>Delivers the messages that are due; returns how many were tried.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<OutboxMessage> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.Outbox.AsNoTracking()
                .Where(m => (m.State == OutboxStates.Pending || m.State == OutboxStates.Failing) && m.NextAttemptAt <= now)
                .OrderBy(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // Off the socket thread before touching SQLite: with inline socket completions the last response's thread
        // would otherwise run the synchronous database work below.
        var results = await Task.WhenAll(due.Select(m => SendAsync(m, ct))).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var after = clock.GetUtcNow();
            for (var i = 0; i < due.Count; i++)
            {
                var m = due[i];
                var error = results[i];
                var attempts = m.Attempts + 1;
                if (error is null)
                {
                    await db.Outbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(
                        s => s.SetProperty(x => x.State, OutboxStates.Delivered).SetProperty(x => x.Attempts, attempts).SetProperty(x => x.DeliveredAt, after).SetProperty(x => x.LastError, (string?)null),
                        ct);
                }
                else
                {
                    var next = after + Backoff(attempts);
                    await db.Outbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(
                        s => s.SetProperty(x => x.State, OutboxStates.Failing).SetProperty(x => x.Attempts, attempts).SetProperty(x => x.LastError, error).SetProperty(x => x.NextAttemptAt, next),
                        ct);
                }
            }
        }

        RoundStored?.Invoke(results.Count(r => r is null));
        return due.Count;
    }

    /// <summary>POSTs one message; null on a 2xx, else the error in words.</summary>
    private async Task<string?> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(message.ParametersJson) ?? [];
            using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new FormUrlEncodedContent(parameters) };
            var token = twilio.CurrentValue.AuthToken;
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName, TwilioSignature.Compute(message.Url, parameters, token));
            }

            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("OptOutConsole", "1.0"));
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
        }
    }

    private void OnCommitted(int events, bool forwards)
    {
        if (forwards)
        {
            Wake();
        }
    }
}
