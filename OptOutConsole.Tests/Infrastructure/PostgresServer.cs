using Npgsql;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the PostgreSQL tests use: <c>OPTOUT_TEST_POSTGRES</c> holds an admin connection string
/// (<c>.ci/run</c> starts a private cluster with <c>.ci/postgres-cluster.sh</c> and sets it). Each test console gets a
/// database of its own, dropped when it is disposed. Without the variable the PostgreSQL tests skip with a message
/// saying how to start one, unless <c>OPTOUT_REQUIRE_POSTGRES=1</c> (set by .ci/run), which makes the skip a failure.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "OPTOUT_TEST_POSTGRES";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static bool Required => Environment.GetEnvironmentVariable("OPTOUT_REQUIRE_POSTGRES") == "1";

    public static bool Available => AdminConnectionString is not null;

    /// <summary>Nothing, when a server is configured; else a skip (a failure when PostgreSQL is required).</summary>
    public static void Require()
    {
        if (Available)
        {
            return;
        }

        const string message = "PostgreSQL tests need a server: run `.ci/postgres-cluster.sh start /tmp/ooc-pg` (after 'apt-get install -y postgresql') and set OPTOUT_TEST_POSTGRES to the connection string it prints.";
        if (Required)
        {
            Assert.Fail(message + " OPTOUT_REQUIRE_POSTGRES=1 makes this a failure.");
        }

        Assert.Skip(message);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string CreateDatabase(out string name)
    {
        name = "ooc_t_" + Guid.NewGuid().ToString("N")[..20];
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever connections it still has.</summary>
    public static void DropDatabase(string name)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The cluster is stopped with the test run anyway.
        }
    }
}
