using System.Runtime.CompilerServices;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>Process-wide settings that must be in place before any test starts a console.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// SQLite and PostgreSQL consoles share this process, and .NET reads the socket setting once per process: keep
    /// .NET's default (completions on the thread pool), which PostgreSQL needs (OptOutConsole/SocketTuning.cs).
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "0");
    }
}
