namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// Two console instances, A and B, on one PostgreSQL database: two hosts with their own caches, writers, forwarders
/// and notifiers, as two processes behind a load balancer would be. Made when first used, so a test can skip first
/// (<see cref="PostgresServer.Require"/>) without a server.
/// </summary>
public sealed class TwoConsoles : IDisposable
{
    private readonly Lazy<PostgresConsoleAppFactory> a;
    private readonly Lazy<ConsoleAppFactory> b;

    public TwoConsoles()
    {
        a = new(() => new PostgresConsoleAppFactory());
        b = new(() => a.Value.OnSameDatabase());
    }

    public ConsoleAppFactory A => a.Value;

    public ConsoleAppFactory B => b.Value;

    public void Dispose()
    {
        // B first: A owns the database and drops it.
        if (b.IsValueCreated)
        {
            b.Value.Dispose();
        }

        if (a.IsValueCreated)
        {
            a.Value.Dispose();
        }
    }
}
