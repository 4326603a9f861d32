using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Core.Identity;

/// <summary>The first admin from the Bootstrap settings, on SQLite and on PostgreSQL.</summary>
public abstract class AdminBootstrapperTests
{
    private readonly ConsoleAppFactory app;

    protected AdminBootstrapperTests(ConsoleAppFactory app) => this.app = app;

    [Fact]
    public async Task Run_AdminAlreadyExists_CreatesNothingAndKeepsPassword()
    {
        using var scope = app.Services.CreateScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<AdminBootstrapper>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var created = await bootstrapper.RunAsync(new BootstrapOptions { AdminEmail = "other@test.local", AdminPassword = "Other!Pass123" }, CancellationToken.None);
        var again = await bootstrapper.RunAsync(new BootstrapOptions { AdminEmail = ConsoleAppFactory.AdminEmail, AdminPassword = "Changed!Pass123" }, CancellationToken.None);

        Assert.False(created);
        Assert.False(again);
        Assert.Null(await users.FindByEmailAsync("other@test.local"));
        var admin = await users.FindByEmailAsync(ConsoleAppFactory.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, ConsoleAppFactory.AdminPassword));
        Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
    }

    [Fact]
    public async Task Startup_Bootstrap_CreatedOneAdminAndAllRoles()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();

        var admins = await users.GetUsersInRoleAsync(Roles.Admin);

        Assert.Equal(ConsoleAppFactory.AdminEmail, Assert.Single(admins).Email);
        foreach (var role in Roles.All)
        {
            Assert.True(await roles.RoleExistsAsync(role));
        }
    }

    [Fact]
    public async Task Startup_WeakBootstrapPassword_StartsAndTheAdminSignsInWithIt()
    {
        // Identity's default policy wants upper case, lower case, a digit and a symbol; the operator's choice is used as given.
        const string weak = "admin12345";
        using var fresh = NewConsole();
        using var console = fresh.OnSameDatabase(new Dictionary<string, string?> { ["Bootstrap:AdminEmail"] = "ops@test.local", ["Bootstrap:AdminPassword"] = weak });
        using var scope = console.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var admin = await users.FindByEmailAsync("ops@test.local");

        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, weak));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.False((await users.ChangePasswordAsync(admin, weak, "weak2")).Succeeded);
    }

    /// <summary>
    /// A new console of this class's provider over an empty database of its own (dropped when it is disposed). Left
    /// unstarted here: the console with the test's own settings runs over its database (<see cref="ConsoleAppFactory.OnSameDatabase"/>).
    /// </summary>
    protected abstract ConsoleAppFactory NewConsole();

    public sealed class OnSqlite(ConsoleAppFactory app) : AdminBootstrapperTests(app), IClassFixture<ConsoleAppFactory>
    {
        protected override ConsoleAppFactory NewConsole() => new();
    }

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : AdminBootstrapperTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>
    {
        protected override ConsoleAppFactory NewConsole() => new PostgresConsoleAppFactory();
    }
}
