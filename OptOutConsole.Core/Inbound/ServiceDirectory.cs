using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The one configuration cache: compiled services by SID and the sender-to-service map. The simulator, the preview
/// and the webhook all read it; a saved change drops the service's entry at once, on this instance and (through
/// <see cref="IChangeNotifier"/>) on the others, so the very next message uses the new configuration. On a
/// <see cref="ChangeKind.Recheck"/> it compares the versions it holds with the database's, so a change whose signal
/// was lost is picked up within seconds.
/// </summary>
public sealed class ServiceDirectory
{
    private readonly IDbContextFactory<AppDbContext> dbFactory;
    private readonly ILogger<ServiceDirectory> logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<CompiledService?>>> services = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, string>? senders;
    private int sendersGeneration;
    private int rechecking;
    private Dictionary<string, int>? lastVersions;

    public ServiceDirectory(IDbContextFactory<AppDbContext> dbFactory, IChangeNotifier notifier, ILogger<ServiceDirectory> logger)
    {
        this.dbFactory = dbFactory;
        this.logger = logger;
        notifier.Changed += OnChanged;
    }

    /// <summary>The compiled service, or null when there is no such service.</summary>
    public async ValueTask<CompiledService?> GetAsync(string sid, CancellationToken ct)
    {
        if (!MessagingService.IsValidSid(sid))
        {
            return null;
        }

        var entry = services.GetOrAdd(sid, s => new Lazy<Task<CompiledService?>>(() => LoadAsync(s)));
        var compiled = await entry.Value.WaitAsync(ct);
        if (compiled is null)
        {
            // Do not remember a miss: the service may be created a moment later.
            services.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledService?>>>(sid, entry));
        }

        return compiled;
    }

    /// <summary>The SID of the service that owns sender <paramref name="number"/>, or null.</summary>
    public async ValueTask<string?> SidOfSenderAsync(string? number, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }

        var map = senders;
        if (map is null)
        {
            var generation = Volatile.Read(ref sendersGeneration);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            map = await db.Senders.AsNoTracking().ToDictionaryAsync(s => s.Number, s => s.ServiceSid, StringComparer.Ordinal, ct);

            // A save during the load makes this map possibly stale: use it for this call, but do not keep it.
            if (generation == Volatile.Read(ref sendersGeneration))
            {
                senders = map;
            }
        }

        return map.GetValueOrDefault(number);
    }

    /// <summary>Drops what is cached about <paramref name="sid"/> (and the sender map).</summary>
    public void Invalidate(string sid)
    {
        services.TryRemove(sid, out _);
        Interlocked.Increment(ref sendersGeneration);
        senders = null;
    }

    /// <summary>
    /// Drops every cached service whose version is no longer the database's (and the sender map, when any service
    /// changed, came or went). Returns how many entries were dropped.
    /// </summary>
    public async Task<int> RecheckAsync(CancellationToken ct)
    {
        Dictionary<string, int> versions;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            versions = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Sid, s => s.Version, StringComparer.Ordinal, ct);
        }

        var dropped = 0;
        foreach (var (sid, entry) in services)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result is { } compiled
                && (!versions.TryGetValue(sid, out var version) || version != compiled.Version)
                && services.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledService?>>>(sid, entry)))
            {
                dropped++;
            }
        }

        var previous = lastVersions;
        lastVersions = versions;
        if (dropped > 0 || (previous is not null && (previous.Count != versions.Count || versions.Any(v => previous.GetValueOrDefault(v.Key) != v.Value))))
        {
            Interlocked.Increment(ref sendersGeneration);
            senders = null;
        }

        return dropped;
    }

    private void OnChanged(ChangeSignal signal)
    {
        switch (signal.Kind)
        {
            case ChangeKind.ServiceChanged when signal.Subject is { } sid:
                Invalidate(sid);
                break;
            case ChangeKind.Recheck when Interlocked.Exchange(ref rechecking, 1) == 0:
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await RecheckAsync(CancellationToken.None);
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "The configuration re-check failed; the next one tries again.");
                    }
                    finally
                    {
                        Volatile.Write(ref rechecking, 0);
                    }
                });
                break;
        }
    }

    private async Task<CompiledService?> LoadAsync(string sid)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.Services.AsNoTracking().Where(s => s.Sid == sid).Select(s => new { s.Version, s.ConfigJson }).FirstOrDefaultAsync();
        return row is null ? null : new CompiledService(sid, row.Version, ServiceConfig.FromJson(row.ConfigJson));
    }
}
