using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace OptOutConsole.Core.Identity;

/// <summary>Creates the roles and, when no admin exists yet, the first admin from <c>Bootstrap:AdminEmail</c>/<c>AdminPassword</c>.</summary>
public sealed class AdminBootstrapper(UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, ILogger<AdminBootstrapper> logger)
{
    /// <summary>Idempotent: an existing admin, or an existing user with that e-mail, is never changed.</summary>
    /// <returns>True when an admin was created.</returns>
    public async Task<bool> RunAsync(BootstrapOptions options, CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrEmpty(options.AdminPassword))
        {
            return false;
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return false;
        }

        ct.ThrowIfCancellationRequested();
        var email = options.AdminEmail.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            logger.LogWarning("No admin exists, but a user {Email} does; it is left unchanged. Give it the Admin role by hand or choose another Bootstrap:AdminEmail.", email);
            return false;
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        EnsureSucceeded(await users.CreateAsync(admin, options.AdminPassword), $"create the bootstrap admin {email}");
        EnsureSucceeded(await users.AddToRoleAsync(admin, Roles.Admin), "give the bootstrap admin its role");
        logger.LogInformation("Created the first admin {Email}.", email);
        return true;
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
