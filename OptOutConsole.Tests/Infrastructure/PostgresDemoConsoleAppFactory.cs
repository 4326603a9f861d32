namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// <see cref="DemoConsoleAppFactory"/>'s console on PostgreSQL: a database of its own seeded with the demo service
/// "Sushi Rewards" (its only service). Tests call <see cref="ConsoleAppFactory.RequireDatabase"/> first.
/// </summary>
public sealed class PostgresDemoConsoleAppFactory : PostgresConsoleAppFactory
{
    public PostgresDemoConsoleAppFactory()
        : base(seedDemo: true, extraSettings: null)
    {
    }
}
