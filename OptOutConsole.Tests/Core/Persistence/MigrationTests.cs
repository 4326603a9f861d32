using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Tests.Core.Persistence;

/// <summary>Upgrading a database made by an earlier release keeps its data.</summary>
public sealed class MigrationTests
{
    private const string Initial = "20261126051018_Initial";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessedMessagesAppendOnly_FromInitialWithRows_RowsKeptInArrivalOrder()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("optout-migrate-").FullName, "old.db");
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var db = new AppDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(Initial, Ct);
            foreach (var (sid, at) in new[] { ("SMzzz", 1_000L), ("SMaaa", 2_000L), ("SMmmm", 3_000L) })
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO ProcessedMessages (MessageSid, ServiceSid, ResponseXml, ProcessedAt) VALUES ({sid}, 'MG1', '<Response/>', {at})", Ct);
            }
        }

        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync(Ct);

            var rows = await db.ProcessedMessages.OrderBy(m => m.Id).Select(m => new { m.Id, m.MessageSid }).ToListAsync(Ct);
            Assert.Equal(["SMzzz", "SMaaa", "SMmmm"], rows.Select(r => r.MessageSid));
            Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Id));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        }

        SqliteConnection.ClearAllPools();
    }
}
