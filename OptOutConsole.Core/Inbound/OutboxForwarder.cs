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
/// restarts (the rows are durable), so nothing is lost while the receiver is down. Every console instance runs one:
/// a round first claims its rows for <see cref="OutboxOptions.LeaseSeconds"/> (its name in <c>LeaseOwner</c>, their
/// next attempt moved to the lease's end, rows another instance is claiming at that moment skipped), so each message
/// goes out once while several run, and the rows of an instance that died mid-delivery are due again when its lease
/// ends. A stopping instance gives its claims back; on SQLite, where one process owns the file, the claims a crashed
/// process left are given back when the next one starts.
/// </summary>
public sealed class OutboxForwarder(
    IDbContextFactory<AppDbContext> dbFactory,
    AppDatabase database,
    IHttpClientFactory httpFactory,
    IOptionsMonitor<TwilioOptions> twilio,
    IOptionsMonitor<OutboxOptions> outbox,
    InboundWriter writer,
    TimeProvider clock,
    ILogger<OutboxForwarder> logger) : BackgroundService
{
    public const string HttpClientName = "outbox";
    public const int BatchSize = 64;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>This instance's name on the rows it claims.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..OutboxMessage.LeaseOwnerMaxLength];

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
            if (database.IdsCommitInOrder)
            {
                await ReleaseAsync(owner: null, stoppingToken);
            }

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
        var lease = now + TimeSpan.FromSeconds(Math.Max(1, outbox.CurrentValue.LeaseSeconds));
        var due = await ClaimAsync(now, lease, ct);
        if (due.Count == 0)
        {
            return 0;
        }

        try
        {
            // Off the socket thread before touching the database: with inline socket completions the last response's
            // thread would otherwise run the synchronous database work below.
            var results = await Task.WhenAll(due.Select(m => SendAsync(m, ct))).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

            // What was sent is recorded even while the instance stops: a delivery left unrecorded would go out again.
            var record = CancellationToken.None;
            await using var db = await dbFactory.CreateDbContextAsync(record);
            var after = clock.GetUtcNow();
            for (var i = 0; i < due.Count; i++)
            {
                var m = due[i];
                var error = results[i];
                var attempts = m.Attempts + 1;

                // Only while the claim is still this instance's: a row another one took over after the lease ran out is theirs.
                if (error is null)
                {
                    await db.Outbox.Where(x => x.Id == m.Id && x.LeaseOwner == InstanceId).ExecuteUpdateAsync(
                        s => s.SetProperty(x => x.State, OutboxStates.Delivered).SetProperty(x => x.Attempts, attempts).SetProperty(x => x.DeliveredAt, after).SetProperty(x => x.LastError, (string?)null).SetProperty(x => x.LeaseOwner, (string?)null),
                        record);
                }
                else
                {
                    var next = after + Backoff(attempts);
                    await db.Outbox.Where(x => x.Id == m.Id && x.LeaseOwner == InstanceId).ExecuteUpdateAsync(
                        s => s.SetProperty(x => x.State, OutboxStates.Failing).SetProperty(x => x.Attempts, attempts).SetProperty(x => x.LastError, error).SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LeaseOwner, (string?)null),
                        record);
                }
            }

            RoundStored?.Invoke(results.Count(r => r is null));
            return due.Count;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: what this round did not record is given back, due at once for whoever runs next.
            await ReleaseAsync(InstanceId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Makes the rows claimed by <paramref name="owner"/> (null: by anyone) due now and unclaimed.</summary>
    private async Task ReleaseAsync(string? owner, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var claimed = db.Outbox.Where(x => x.LeaseOwner != null);
            if (owner is not null)
            {
                claimed = claimed.Where(x => x.LeaseOwner == owner);
            }

            await claimed.ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.NextAttemptAt, now), ct);
        }
        catch (Exception ex) when (AppDatabase.IsRefusal(ex))
        {
            logger.LogWarning(ex, "The forwarding claims could not be given back; they are due again when their lease ends.");
        }
    }

    /// <summary>Takes up to <see cref="BatchSize"/> due rows, oldest first, for this round: their next attempt moves to <paramref name="lease"/>.</summary>
    private async Task<List<OutboxMessage>> ClaimAsync(DateTimeOffset now, DateTimeOffset lease, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            UPDATE "Outbox" SET "NextAttemptAt" = @lease, "LeaseOwner" = @owner WHERE "Id" IN (
                SELECT "Id" FROM "Outbox" WHERE "State" IN (@pending, @failing) AND "NextAttemptAt" <= @now ORDER BY "Id" LIMIT @n{database.SkipLockedRows})
            RETURNING "Id", "ServiceSid", "Url", "ParametersJson", "MessageSid", "State", "Attempts"
            """;
        AppDatabase.AddParameter(command, "@lease", lease.ToUnixTimeMilliseconds());
        AppDatabase.AddParameter(command, "@owner", InstanceId);
        AppDatabase.AddParameter(command, "@pending", OutboxStates.Pending);
        AppDatabase.AddParameter(command, "@failing", OutboxStates.Failing);
        AppDatabase.AddParameter(command, "@now", now.ToUnixTimeMilliseconds());
        AppDatabase.AddParameter(command, "@n", BatchSize);
        var due = new List<OutboxMessage>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                due.Add(new OutboxMessage
                {
                    Id = reader.GetInt64(0),
                    ServiceSid = reader.GetString(1),
                    Url = reader.GetString(2),
                    ParametersJson = reader.GetString(3),
                    MessageSid = reader.IsDBNull(4) ? null : reader.GetString(4),
                    State = reader.GetString(5),
                    Attempts = reader.GetInt32(6),
                    NextAttemptAt = lease,
                    LeaseOwner = InstanceId,
                });
            }
        }

        due.Sort((a, b) => a.Id.CompareTo(b.Id));
        return due;
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
