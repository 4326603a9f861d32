using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Persistence;

/// <summary>The one database: Identity plus every table of the product.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<MessagingService> Services => Set<MessagingService>();

    public DbSet<ServiceSender> Senders => Set<ServiceSender>();

    public DbSet<ConfigVersion> ConfigVersions => Set<ConfigVersion>();

    public DbSet<ServiceTestCase> TestCases => Set<ServiceTestCase>();

    public DbSet<BlockListEntry> BlockList => Set<BlockListEntry>();

    public DbSet<TrackingEvent> Events => Set<TrackingEvent>();

    public DbSet<DailyCounter> DailyCounters => Set<DailyCounter>();

    public DbSet<OptInState> OptInStates => Set<OptInState>();

    public DbSet<ConversionCounter> ConversionCounters => Set<ConversionCounter>();

    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store UTC Unix milliseconds so ranges and sorting work in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
