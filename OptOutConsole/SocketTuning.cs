namespace OptOutConsole;

/// <summary>
/// Socket completions run on the thread that polls the sockets instead of hopping to the thread pool first
/// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>); it saves a thread switch on every network read and write,
/// about a tenth of the webhook's throughput on two cores (docs/decisions/webhook-throughput.md). Only transport
/// code runs there: Kestrel still hands requests to the thread pool. Setting
/// <c>Performance:InlineSocketCompletions=false</c>, or the variable itself, keeps .NET's default.
/// </summary>
/// <remarks>
/// SQLite only. On PostgreSQL the database's own sockets would complete there too, and a synchronous database call
/// made in such a continuation (Data Protection reads its key ring synchronously) waits for the polling thread it is
/// blocking: start-up stalled for the 30 s command timeout at each such call. So with <c>Database:Provider=Postgres</c>
/// the setting is ignored and .NET's default holds.
/// </remarks>
internal static class SocketTuning
{
    public const string ConfigurationKey = "Performance:InlineSocketCompletions";
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Must run before the first socket is used: .NET reads the variable once, when sockets start.</summary>
    public static void Apply(IConfiguration configuration)
    {
        var embedded = string.IsNullOrWhiteSpace(configuration["Database:Provider"]) || configuration["Database:Provider"]!.Trim().Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        if (embedded && Environment.GetEnvironmentVariable(Variable) is null && configuration.GetValue(ConfigurationKey, true))
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
