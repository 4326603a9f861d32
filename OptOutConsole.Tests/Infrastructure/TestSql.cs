using System.Data.Common;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// Raw SQL for tests that run on both providers: portable statements (double-quoted PascalCase names, <c>@p0</c>,
/// <c>@p1</c>... parameters) on the console's own connection, and the one thing whose dialects really differ, a
/// trigger that makes the storage refuse a row (SQLite <c>RAISE(ABORT)</c>, PostgreSQL a plpgsql function).
/// </summary>
public static class TestSql
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs one statement on the console's database; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(ConsoleAppFactory app, string sql, params object?[] parameters)
    {
        await using var connection = await app.Service<AppDatabase>().OpenAsync(Ct);
        return await ExecuteAsync(connection, null, sql, parameters);
    }

    /// <summary>Runs one statement on <paramref name="connection"/> (in <paramref name="transaction"/>, when given).</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, params object?[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>A command with <paramref name="parameters"/> as <c>@p0</c>, <c>@p1</c>... (null as SQL NULL).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            AppDatabase.AddParameter(command, $"@p{i}", parameters[i]);
        }

        return command;
    }

    /// <summary>
    /// Makes the database refuse every insert into <paramref name="table"/> whose new row meets
    /// <paramref name="condition"/> (portable SQL over <c>NEW."Column"</c>, e.g. <c>NEW."ServiceSid" = 'MG...'</c>),
    /// as a failing disk would: the statement, and so its transaction, fails with "disk said no".
    /// <paramref name="name"/> (letters, digits, underscores) names the trigger for <see cref="AllowInsertsAsync"/>.
    /// </summary>
    public static async Task RefuseInsertsAsync(ConsoleAppFactory app, string name, string table, string condition)
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            await ExecuteAsync(app, $"""CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" WHEN {condition} BEGIN SELECT RAISE(ABORT, 'disk said no'); END;""");
            return;
        }

        await ExecuteAsync(app, $"""CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF {condition} THEN RAISE EXCEPTION 'disk said no'; END IF; RETURN NEW; END $$""");
        await ExecuteAsync(app, $"""CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION "{name}"()""");
    }

    /// <summary>Drops what <see cref="RefuseInsertsAsync"/> made: inserts into <paramref name="table"/> succeed again.</summary>
    public static async Task AllowInsertsAsync(ConsoleAppFactory app, string name, string table)
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            await ExecuteAsync(app, $"""DROP TRIGGER "{name}";""");
            return;
        }

        await ExecuteAsync(app, $"""DROP TRIGGER "{name}" ON "{table}"; """);
        await ExecuteAsync(app, $"""DROP FUNCTION "{name}"();""");
    }
}
