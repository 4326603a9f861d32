using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace OptOutConsole.Core.Identity;

/// <summary>Creates the roles and, when no admin exists yet, the first admin from <c>Bootstrap:AdminEmail</c>/<c>AdminPassword</c>.</summary>
public sealed class AdminBootstrapper(UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, ILogger<AdminBootstrapper> logger)
{
    /// <summary>
    /// Idempotent: an existing admin, or an existing user with that e-mail, is never changed. The bootstrap password is
    /// used even when it misses the password policy (a warning is logged), so a console never fails to start over it.
    /// </summary>
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

        // The operator chose this password in the console's configuration: a console that refuses to start over the
        // password policy helps nobody. It is used as given; the policy applies to every later password, and the
        // log says what it lacks.
        var weaknesses = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, admin, options.AdminPassword);
            weaknesses.AddRange(check.Errors.Select(e => e.Description));
        }

        admin.PasswordHash = users.PasswordHasher.HashPassword(admin, options.AdminPassword);
        EnsureSucceeded(await users.CreateAsync(admin), $"create the bootstrap admin {email}");
        if (weaknesses.Count > 0)
        {
            logger.LogWarning("Bootstrap:AdminPassword does not meet the console's password policy ({Weaknesses}); it was used as given. Change it after signing in.", string.Join(" ", weaknesses));
        }

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
