using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OptOutConsole.Core.ApiKeys;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Persistence.Configurations;

internal sealed class BlockListEntryConfiguration : IEntityTypeConfiguration<BlockListEntry>
{
    public void Configure(EntityTypeBuilder<BlockListEntry> b)
    {
        b.HasKey(e => new { e.ServiceSid, e.Number });
        b.HasIndex(e => new { e.ServiceSid, e.OptedOutAt });
        b.Property(e => e.Number).HasMaxLength(32);
        b.Property(e => e.Source).HasMaxLength(16);
    }
}

internal sealed class TrackingEventConfiguration : IEntityTypeConfiguration<TrackingEvent>
{
    public void Configure(EntityTypeBuilder<TrackingEvent> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.ServiceSid, e.Time });
        b.HasIndex(e => e.Time);

        b.Property(e => e.Type).HasMaxLength(8);
        b.Property(e => e.Country).HasMaxLength(2);
    }
}

internal sealed class DailyCounterConfiguration : IEntityTypeConfiguration<DailyCounter>
{
    public void Configure(EntityTypeBuilder<DailyCounter> b)
    {
        b.HasKey(c => new { c.ServiceSid, c.Day, c.Type, c.Country, c.Keyword, c.AnsweredBy });
        b.HasIndex(c => c.Day);
    }
}

internal sealed class OptInStateConfiguration : IEntityTypeConfiguration<OptInState>
{
    public void Configure(EntityTypeBuilder<OptInState> b)
    {
        b.HasKey(s => new { s.ServiceSid, s.Number });
        b.Property(s => s.Number).HasMaxLength(32);
        b.Property(s => s.Country).HasMaxLength(2);
    }
}

internal sealed class ConversionCounterConfiguration : IEntityTypeConfiguration<ConversionCounter>
{
    public void Configure(EntityTypeBuilder<ConversionCounter> b)
    {
        b.HasKey(c => new { c.ServiceSid, c.Day, c.Keyword, c.Country });
        b.Property(c => c.Country).HasMaxLength(2);
    }
}

internal sealed class ProcessedMessageConfiguration : IEntityTypeConfiguration<ProcessedMessage>
{
    public void Configure(EntityTypeBuilder<ProcessedMessage> b)
    {
        // Pruned and loaded by Id (arrival order): no index beyond the key.
        b.HasKey(m => m.Id);
        b.Property(m => m.MessageSid).HasMaxLength(InboundProcessor.MaxSidLength);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        b.HasIndex(m => new { m.ServiceSid, m.Id });
        b.Property(m => m.State).HasMaxLength(16);
        b.Property(m => m.LeaseOwner).HasMaxLength(OutboxMessage.LeaseOwnerMaxLength);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Area, a.At });
        b.Property(a => a.Actor).HasMaxLength(256);
        b.Property(a => a.Area).HasMaxLength(32);
        b.Property(a => a.Action).HasMaxLength(32);
        b.Property(a => a.Target).HasMaxLength(256);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.HasKey(k => k.Id);
        b.HasIndex(k => k.Hash).IsUnique();
        b.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.Hash).HasMaxLength(64);
        b.Ignore(k => k.IsActive);
    }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<Review.ReviewItem>
{
    public void Configure(EntityTypeBuilder<Review.ReviewItem> b)
    {
        b.HasKey(r => r.Id);

        // The queue: a service's open items by due date; the deadline: every service's open items by due date.
        b.HasIndex(r => new { r.ServiceSid, r.Status, r.DueAt });
        b.HasIndex(r => new { r.Status, r.DueAt });
        b.Property(r => r.From).HasMaxLength(32);
        b.Property(r => r.Phrase).HasMaxLength(Review.ReviewItem.PhraseMaxLength);
        b.Property(r => r.Language).HasMaxLength(8);
        b.Property(r => r.Status).HasMaxLength(16);
        b.Property(r => r.Decision).HasMaxLength(16);
        b.Property(r => r.Reason).HasMaxLength(Review.ReviewItem.ReasonMaxLength);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.MessageSid).HasMaxLength(Inbound.InboundProcessor.MaxSidLength);
    }
}
