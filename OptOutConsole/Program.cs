using OptOutConsole;
using OptOutConsole.Core.Persistence;

var builder = WebApplication.CreateBuilder(args);
WebApplication app;
try
{
    builder.AddOptOutConsole();
    app = builder.Build();
    await app.Services.GetRequiredService<DatabaseInitializer>()
        .RunAsync(app.Configuration.GetValue("Seed:Demo", app.Environment.IsDevelopment()), CancellationToken.None);
}
catch (DatabaseStartupException ex)
{
    // Wrong settings are the operator's to fix: one sentence that names the key, not a stack trace.
    Console.Error.WriteLine($"OptOutConsole cannot start: {ex.Message}");
    return 1;
}

app.UseOptOutConsole();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
