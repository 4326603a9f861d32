using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OptOutConsole.Core.Privacy;

namespace OptOutConsole.Core.Persistence.Configurations;

internal sealed class ConsoleSecretConfiguration : IEntityTypeConfiguration<ConsoleSecret>
{
    public void Configure(EntityTypeBuilder<ConsoleSecret> b)
    {
        b.ToTable("Secrets");
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(ConsoleSecret.NameMaxLength);
    }
}
