using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.ApiKeys;

/// <summary>Creates, lists, revokes and checks API keys.</summary>
public sealed class ApiKeyService
{
    /// <summary>How often the last-used time of a key is written at most, so busy automation does not write on every call.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>At most this many active keys are remembered (a console has a handful).</summary>
    private const int MaxRemembered = 1_000;

    private readonly ConcurrentDictionary<long, DateTimeOffset> lastUsedWritten = new();

    // Active keys by hash, so an API call (the send check before every outbound message) costs no database read to
    // authenticate. Every revocation goes through RevokeAsync, which forgets the key before it returns; unknown
    // secrets are never remembered.
    private readonly ConcurrentDictionary<string, ApiKey> active = new(StringComparer.Ordinal);

    // Bumped by every revocation: a key read from the database while one ran is not remembered, so a revoked key
    // cannot slip back into the cache.
    private long revocations;
    private int rechecking;

    private readonly IDbContextFactory<AppDbContext> dbFactory;
    private readonly IChangeNotifier notifier;
    private readonly TimeProvider clock;
    private readonly ILogger<ApiKeyService> logger;

    public ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, IChangeNotifier notifier, TimeProvider clock, ILogger<ApiKeyService> logger)
    {
        this.dbFactory = dbFactory;
        this.notifier = notifier;
        this.clock = clock;
        this.logger = logger;
        notifier.Changed += OnChanged;
    }

    /// <summary>Creates a key; returns the stored row and the secret, which is never stored and shown only now.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, string actor, CancellationToken ct)
    {
        name = (name ?? string.Empty).Trim();
        if (name.Length is 0 or > ApiKey.NameMaxLength)
        {
            throw new ArgumentException($"A key name has 1 to {ApiKey.NameMaxLength} characters; this one has {name.Length}.", nameof(name));
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException("A key name is one line of text: remove the tab, line break or other control character.", nameof(name));
        }

        // Two active keys of one name tell nobody which program a revocation would stop.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.ApiKeys.AsNoTracking().AnyAsync(k => k.Name == name && k.RevokedAt == null, ct))
            {
                throw new ArgumentException($"An active key is already named “{name}”: give this one a name that says what uses it, or revoke that one first.", nameof(name));
            }
        }

        var secret = ApiKeyHasher.NewKey();
        var key = await StoreAsync(name, secret, actor, ct);
        return (key, secret);
    }

    /// <summary>Stores a key whose secret the caller chose (Bootstrap:ApiKey); does nothing when it is already stored.</summary>
    public async Task<ApiKey> EnsureAsync(string name, string secret, string actor, CancellationToken ct)
    {
        var hash = ApiKeyHasher.Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
        return existing ?? await StoreAsync(name, secret, actor, ct);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
    }

    /// <summary>Revokes a key; returns false when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(long id, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || key.RevokedAt is not null)
        {
            return false;
        }

        key.RevokedAt = clock.GetUtcNow();
        AuditLog.Add(db, clock, actor, AuditAreas.ApiKey, "revoked", key.Name, $"Key {key.Prefix}… revoked.");
        await db.SaveChangesAsync(ct);
        Forget(key.Hash);

        // The other instances are told before this returns; their re-check catches a lost signal within seconds.
        await notifier.PublishAsync(ChangeSignal.KeyRevoked(key.Hash), ct);
        return true;
    }

    /// <summary>Forgets every remembered key that the database now says is revoked or gone; returns how many.</summary>
    public async Task<int> RecheckAsync(CancellationToken ct)
    {
        var hashes = active.Keys.ToList();
        if (hashes.Count == 0)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stillActive = (await db.ApiKeys.AsNoTracking().Where(k => hashes.Contains(k.Hash) && k.RevokedAt == null).Select(k => k.Hash).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var forgotten = 0;
        foreach (var hash in hashes.Where(h => !stillActive.Contains(h)))
        {
            Forget(hash);
            forgotten++;
        }

        return forgotten;
    }

    private void Forget(string hash)
    {
        Interlocked.Increment(ref revocations);
        active.TryRemove(hash, out _);
    }

    private void OnChanged(ChangeSignal signal)
    {
        if (signal.Kind == ChangeKind.ApiKeyRevoked && signal.Subject is { } hash)
        {
            Forget(hash);
        }
        else if (signal.Kind == ChangeKind.Recheck && !active.IsEmpty && Interlocked.Exchange(ref rechecking, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RecheckAsync(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "The API key re-check failed; the next one tries again.");
                }
                finally
                {
                    Volatile.Write(ref rechecking, 0);
                }
            });
        }
    }

    /// <summary>The active key with this secret, or null; records when it was last used.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }

        var hash = ApiKeyHasher.Hash(secret);
        if (!active.TryGetValue(hash, out var key))
        {
            var generation = Interlocked.Read(ref revocations);
            await using var lookup = await dbFactory.CreateDbContextAsync(ct);
            key = await lookup.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
            if (key is null || key.RevokedAt is not null)
            {
                return null;
            }

            if (active.Count < MaxRemembered && active.TryAdd(hash, key) && Interlocked.Read(ref revocations) != generation)
            {
                active.TryRemove(hash, out _);
            }
        }

        var now = clock.GetUtcNow();
        var last = lastUsedWritten.GetValueOrDefault(key.Id, key.LastUsedAt ?? DateTimeOffset.MinValue);
        if (now - last >= LastUsedResolution)
        {
            lastUsedWritten[key.Id] = now;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return key;
    }

    private async Task<ApiKey> StoreAsync(string name, string secret, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = new ApiKey
        {
            Name = name,
            Prefix = ApiKeyHasher.VisiblePrefix(secret),
            Hash = ApiKeyHasher.Hash(secret),
            CreatedBy = actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        AuditLog.Add(db, clock, actor, AuditAreas.ApiKey, "created", name, $"Key {key.Prefix}… created.");
        await db.SaveChangesAsync(ct);
        return key;
    }
}
