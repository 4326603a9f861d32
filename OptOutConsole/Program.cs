using OptOutConsole;
using OptOutConsole.Core.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddOptOutConsole();

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>()
    .RunAsync(app.Configuration.GetValue("Seed:Demo", app.Environment.IsDevelopment()), CancellationToken.None);
app.UseOptOutConsole();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
