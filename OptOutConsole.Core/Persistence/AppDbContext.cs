using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
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

/// <summary>
/// The one database: Identity, the ASP.NET Core Data Protection keys (so every instance reads the cookies and
/// antiforgery tokens the others issue) and every table of the product. One model for both providers; SQLite uses
/// this type and its migrations (Persistence/Migrations/Sqlite), PostgreSQL <see cref="Postgres.PostgresAppDbContext"/>.
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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

    public DbSet<Review.ReviewItem> ReviewItems => Set<Review.ReviewItem>();

    public DbSet<Privacy.ConsoleSecret> Secrets => Set<Privacy.ConsoleSecret>();

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
        if (Database.IsNpgsql())
        {
            // Several instances share the database: the key itself decides which of them processes a MessageSid first
            // (SQLite's one writer keeps that in memory over an unindexed log: docs/decisions/group-commit.md).
            builder.Entity<ProcessedMessage>().HasIndex(m => m.MessageSid).IsUnique();

            // Text compares byte by byte, as SQLite's does: SIDs, numbers and codes have no linguistic order, the
            // webhook's keys (MessageSid, ServiceSid and Number, the counters') index and compare several times faster
            // than under a database's default locale, and lists sort the same on both providers.
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(string)))
            {
                property.SetCollation("C");
            }
        }
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
