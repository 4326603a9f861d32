using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Persistence.Configurations;

internal sealed class MessagingServiceConfiguration : IEntityTypeConfiguration<MessagingService>
{
    public void Configure(EntityTypeBuilder<MessagingService> b)
    {
        b.HasKey(s => s.Sid);
        b.Property(s => s.Sid).HasMaxLength(MessagingService.SidLength);
        b.Property(s => s.FriendlyName).HasMaxLength(ServiceConfig.FriendlyNameMaxLength);
        b.Property(s => s.Description).HasMaxLength(ServiceConfig.DescriptionMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasMany(s => s.Senders).WithOne().HasForeignKey(x => x.ServiceSid).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.FriendlyName);
    }
}

internal sealed class ServiceSenderConfiguration : IEntityTypeConfiguration<ServiceSender>
{
    public void Configure(EntityTypeBuilder<ServiceSender> b)
    {
        // The primary key is the number itself: a sender belongs to one service only.
        b.HasKey(s => s.Number);
        b.Property(s => s.Number).HasMaxLength(32);
        b.HasIndex(s => s.ServiceSid);
    }
}

internal sealed class ConfigVersionConfiguration : IEntityTypeConfiguration<ConfigVersion>
{
    public void Configure(EntityTypeBuilder<ConfigVersion> b)
    {
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.ServiceSid, v.Version }).IsUnique();
        b.HasOne<MessagingService>().WithMany().HasForeignKey(v => v.ServiceSid).OnDelete(DeleteBehavior.Cascade);
        b.Property(v => v.CreatedBy).HasMaxLength(256);
        b.Property(v => v.Summary).HasMaxLength(200);
        b.Property(v => v.WarningsJson).HasDefaultValue("[]");
    }
}

internal sealed class ServiceTestCaseConfiguration : IEntityTypeConfiguration<ServiceTestCase>
{
    public void Configure(EntityTypeBuilder<ServiceTestCase> b)
    {
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.ServiceSid);
        b.HasOne<MessagingService>().WithMany().HasForeignKey(t => t.ServiceSid).OnDelete(DeleteBehavior.Cascade);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Body).HasMaxLength(1600);
    }
}
