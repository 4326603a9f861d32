using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The one configuration cache: compiled services by SID and the sender-to-service map. The simulator, the preview
/// and the webhook all read it; a saved change drops the service's entry at once (ServiceCatalog.Changed), so the
/// very next message uses the new configuration.
/// </summary>
public sealed class ServiceDirectory
{
    private readonly IDbContextFactory<AppDbContext> dbFactory;
    private readonly ConcurrentDictionary<string, Lazy<Task<CompiledService?>>> services = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, string>? senders;
    private int sendersGeneration;

    public ServiceDirectory(IDbContextFactory<AppDbContext> dbFactory, ServiceCatalog catalog)
    {
        this.dbFactory = dbFactory;
        catalog.Changed += Invalidate;
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

    private async Task<CompiledService?> LoadAsync(string sid)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.Services.AsNoTracking().Where(s => s.Sid == sid).Select(s => new { s.Version, s.ConfigJson }).FirstOrDefaultAsync();
        return row is null ? null : new CompiledService(sid, row.Version, ServiceConfig.FromJson(row.ConfigJson));
    }
}
