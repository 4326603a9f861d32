namespace OptOutConsole.DashboardBench;

/// <summary>Runs every dashboard query over a generated database (filled in with the dashboard service).</summary>
internal static class Measurer
{
    public static Task<int> RunAsync(Options options)
    {
        _ = options;
        return Task.FromResult(0);
    }
}
