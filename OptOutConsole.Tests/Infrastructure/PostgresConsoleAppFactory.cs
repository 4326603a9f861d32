namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// The real app over a PostgreSQL database of its own (made on <see cref="PostgresServer"/> when the host first starts,
/// dropped on Dispose). Tests call <see cref="ConsoleAppFactory.RequireDatabase"/> first, which skips them without a
/// server (or fails them when <c>OPTOUT_REQUIRE_POSTGRES=1</c>).
/// </summary>
public class PostgresConsoleAppFactory : ConsoleAppFactory
{
    public PostgresConsoleAppFactory()
        : this(false, null)
    {
    }

    protected PostgresConsoleAppFactory(bool seedDemo, IDictionary<string, string?>? extraSettings)
        : base(seedDemo, extraSettings, TestDatabase.Postgres, ownsDatabase: true)
    {
    }
}
