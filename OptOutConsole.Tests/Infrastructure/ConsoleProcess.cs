using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>
/// The console as a process of its own (the built OptOutConsole.dll beside the tests, run by <c>dotnet</c>), on a
/// free loopback port: for what an in-process host cannot show, such as a SIGKILL or what start-up prints.
/// </summary>
public sealed partial class ConsoleProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConsoleProcess(Process process) => this.process = process;

    /// <summary>e.g. http://127.0.0.1:41234 (once <see cref="StartAsync"/> returned).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the console with <paramref name="settings"/> (as environment variables) and waits until it listens.</summary>
    public static async Task<ConsoleProcess> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken ct)
    {
        var console = Launch(settings);
        var ready = await Task.WhenAny(console.listening.Task, console.process.WaitForExitAsync(ct), Task.Delay(TimeSpan.FromSeconds(60), ct));
        if (ready != console.listening.Task)
        {
            var what = console.process.HasExited ? $"exited with {console.process.ExitCode}" : "did not listen within 60 s";
            await console.DisposeAsync();
            throw new InvalidOperationException($"The console {what}:\n{console.Output}");
        }

        console.BaseUrl = await console.listening.Task;
        return console;
    }

    /// <summary>Runs the console until it exits by itself (a start-up that must fail), at most <paramref name="timeout"/>.</summary>
    public static async Task<ConsoleProcess> RunToExitAsync(IEnumerable<KeyValuePair<string, string?>> settings, TimeSpan timeout, CancellationToken ct)
    {
        var console = Launch(settings);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await console.process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await console.DisposeAsync();
            throw new InvalidOperationException($"The console was still running after {timeout}:\n{console.Output}");
        }

        // The asynchronous readers may still hold the last lines: this overload waits for them.
        console.process.WaitForExit();
        return console;
    }

    /// <summary>SIGKILL: no shutdown, no flush, what a crash or an OOM kill does.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static ConsoleProcess Launch(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "OptOutConsole.dll");
        var info = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var console = new ConsoleProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        console.process.OutputDataReceived += (_, e) => console.Read(e.Data);
        console.process.ErrorDataReceived += (_, e) => console.Read(e.Data);
        console.process.Start();
        console.process.BeginOutputReadLine();
        console.process.BeginErrorReadLine();
        return console;
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningRegex().Match(line) is { Success: true } m)
        {
            listening.TrySetResult(m.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex();
}
