using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Cluster;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Simulation;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Core.Services;

/// <summary>
/// Messaging services and their config versions: create, read, save (validated, versioned, optimistic), history,
/// rollback, delete. Every save writes an immutable <see cref="ConfigVersion"/> and an audit entry in one transaction,
/// then tells every console instance's caches (<see cref="IChangeNotifier"/>) before it returns.
/// </summary>
public sealed class ServiceCatalog(IDbContextFactory<AppDbContext> dbFactory, IChangeNotifier notifier, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServiceSummary>> ListAsync(string? search, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Services.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(x => x.FriendlyName.Contains(s) || x.Sid.Contains(s) || (x.Description != null && x.Description.Contains(s)) || x.Senders.Any(n => n.Number.Contains(s)));
        }

        return await q.OrderBy(x => x.FriendlyName)
            .Select(x => new ServiceSummary(x.Sid, x.FriendlyName, x.Description, x.Version, x.UpdatedAt, x.Senders.Count))
            .ToListAsync(ct);
    }

    /// <summary>The service with its current config, or null.</summary>
    public async Task<(MessagingService Service, ServiceConfig Config)?> GetAsync(string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Sid == sid, ct);
        return service is null ? null : (service, ServiceConfig.FromJson(service.ConfigJson));
    }

    /// <summary>Creates a service with the default keywords and replies (DESIGN 1) as version 1.</summary>
    public Task<(SaveOutcome Outcome, string? Sid)> CreateAsync(string friendlyName, string actor, CancellationToken ct) =>
        CreateAsync(DefaultReplies.NewConfig((friendlyName ?? string.Empty).Trim()), actor, ct);

    /// <summary>Creates a service from a whole document; refused with its errors when it has any.</summary>
    public async Task<(SaveOutcome Outcome, string? Sid)> CreateAsync(ServiceConfig config, string actor, CancellationToken ct)
    {
        config.Normalize();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problems = await ValidateAsync(db, config, null, ct);
        if (problems.Any(p => p.IsError))
        {
            return (new SaveOutcome(SaveStatus.Invalid, 0, problems, "The configuration has errors; nothing was saved."), null);
        }

        var now = clock.GetUtcNow();
        var json = config.ToJson();
        var service = new MessagingService
        {
            Sid = MessagingService.NewSid(),
            FriendlyName = config.FriendlyName,
            Description = config.Description,
            Version = 1,
            ConfigJson = json,
            CreatedAt = now,
            UpdatedAt = now,
            Senders = config.Senders.Select(n => new ServiceSender { Number = n, ServiceSid = string.Empty }).ToList(),
        };
        foreach (var sender in service.Senders)
        {
            sender.ServiceSid = service.Sid;
        }

        db.Services.Add(service);
        db.ConfigVersions.Add(NewVersion(service.Sid, 1, json, actor, now, "created", problems));
        AuditLog.Add(db, clock, actor, AuditAreas.Service, "created", service.Sid, $"Service “{config.FriendlyName}” created.");
        if (!await TrySaveAsync(db, ct))
        {
            return (new SaveOutcome(SaveStatus.Invalid, 0, await ValidateAsync(db, config, null, ct), "A sender is already used by another service."), null);
        }

        await notifier.PublishAsync(ChangeSignal.Service(service.Sid), ct);
        return (new SaveOutcome(SaveStatus.Saved, 1, problems), service.Sid);
    }

    /// <summary>
    /// Replaces the configuration. <paramref name="expectedVersion"/> is the version the change was based on; a
    /// different current version refuses the save (null: replace whatever is current). Errors refuse it too; a
    /// refused save changes nothing.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(string sid, ServiceConfig config, int? expectedVersion, string actor, string summary, CancellationToken ct)
    {
        config.Normalize();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.Include(s => s.Senders).FirstOrDefaultAsync(s => s.Sid == sid, ct);
        if (service is null)
        {
            return SaveOutcome.NotFound(sid);
        }

        if (expectedVersion is { } expected && expected != service.Version)
        {
            return SaveOutcome.Stale(service.Version, expected);
        }

        var problems = await ValidateAsync(db, config, sid, ct);
        if (problems.Any(p => p.IsError))
        {
            return new SaveOutcome(SaveStatus.Invalid, service.Version, problems, "The configuration has errors; nothing was saved.");
        }

        // Saved test cases run on every save; a failing one is a warning (it never blocks the save).
        problems = [.. problems, .. TestCaseRunner.Problems(config, await TestCaseCatalog.ListAsync(db, sid, ct))];
        var now = clock.GetUtcNow();
        var json = config.ToJson();
        var version = service.Version + 1;
        service.FriendlyName = config.FriendlyName;
        service.Description = config.Description;
        service.ConfigJson = json;
        service.Version = version;
        service.UpdatedAt = now;
        var wanted = config.Senders.ToHashSet(StringComparer.Ordinal);
        service.Senders.RemoveAll(s => !wanted.Contains(s.Number));
        foreach (var number in wanted.Where(n => service.Senders.All(s => s.Number != n)))
        {
            service.Senders.Add(new ServiceSender { Number = number, ServiceSid = sid });
        }

        db.ConfigVersions.Add(NewVersion(sid, version, json, actor, now, summary, problems));
        AuditLog.Add(db, clock, actor, AuditAreas.Service, "config-saved", sid, $"Version {version}: {summary}.");
        try
        {
            if (!await TrySaveAsync(db, ct))
            {
                // Either a sender was taken meanwhile, or another save (on this or another instance) wrote this
                // version number first: that one is a stale save like the concurrency token's.
                if (await CurrentVersionAsync(sid, ct) is { } current && current != version - 1)
                {
                    return SaveOutcome.Stale(current, expectedVersion ?? version - 1);
                }

                return new SaveOutcome(SaveStatus.Invalid, version - 1, await ValidateAsync(db, config, sid, ct), "A sender is already used by another service.");
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await CurrentVersionAsync(sid, ct);
            return current is null ? SaveOutcome.NotFound(sid) : SaveOutcome.Stale(current.Value, expectedVersion ?? version - 1);
        }

        await notifier.PublishAsync(ChangeSignal.Service(sid), ct);
        return new SaveOutcome(SaveStatus.Saved, version, problems);
    }

    /// <summary>Makes version <paramref name="version"/>'s document the current one, as a new version.</summary>
    public async Task<SaveOutcome> RollbackAsync(string sid, int version, int? expectedVersion, string actor, CancellationToken ct)
    {
        var old = await GetVersionAsync(sid, version, ct);
        if (old is null)
        {
            return new SaveOutcome(SaveStatus.NotFound, 0, [], $"Service {sid} has no version {version}.");
        }

        return await SaveAsync(sid, ServiceConfig.FromJson(old.ConfigJson), expectedVersion, actor, $"rolled back to version {version}", ct);
    }

    public async Task<IReadOnlyList<ConfigVersion>> HistoryAsync(string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ConfigVersions.AsNoTracking().Where(v => v.ServiceSid == sid).OrderByDescending(v => v.Version).ToListAsync(ct);
    }

    public async Task<ConfigVersion?> GetVersionAsync(string sid, int version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ConfigVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ServiceSid == sid && v.Version == version, ct);
    }

    public async Task<bool> DeleteAsync(string sid, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.FirstOrDefaultAsync(s => s.Sid == sid, ct);
        if (service is null)
        {
            return false;
        }

        db.Services.Remove(service);
        AuditLog.Add(db, clock, actor, AuditAreas.Service, "deleted", sid, $"Service “{service.FriendlyName}” deleted.");
        await db.SaveChangesAsync(ct);
        await notifier.PublishAsync(ChangeSignal.Service(sid), ct);
        return true;
    }

    /// <summary>Validates a document against the rules and the senders other services already use.</summary>
    public async Task<IReadOnlyList<Problem>> ValidateAsync(ServiceConfig config, string? sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ValidateAsync(db, config.Normalize(), sid, ct);
    }

    private static async Task<IReadOnlyList<Problem>> ValidateAsync(AppDbContext db, ServiceConfig config, string? sid, CancellationToken ct)
    {
        var numbers = config.Senders.Where(s => s.Length > 0).ToList();
        var taken = numbers.Count == 0
            ? []
            : (await db.Senders.AsNoTracking().Where(s => numbers.Contains(s.Number) && s.ServiceSid != sid).Select(s => s.Number).ToListAsync(ct)).ToHashSet();
        return ConfigValidator.Validate(config, taken);
    }

    private async Task<int?> CurrentVersionAsync(string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Services.Where(s => s.Sid == sid).Select(s => (int?)s.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>Saves; false when a unique sender was taken by a concurrent save (the validator then reports it).</summary>
    private static async Task<bool> TrySaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && AppDatabase.IsUniqueViolation(ex.InnerException))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static ConfigVersion NewVersion(string sid, int version, string json, string actor, DateTimeOffset now, string summary, IReadOnlyList<Problem> problems) => new()
    {
        ServiceSid = sid,
        Version = version,
        ConfigJson = json,
        CreatedBy = actor,
        CreatedAt = now,
        Summary = summary.Length > 200 ? summary[..200] : summary,
        WarningCount = problems.Count(p => !p.IsError),
        WarningsJson = ConfigVersion.ToWarningsJson(problems),
    };
}
