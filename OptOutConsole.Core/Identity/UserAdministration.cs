using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Persistence;

namespace OptOutConsole.Core.Identity;

/// <summary>
/// The admin's user operations: list, create with a role, change role, lock, unlock, reset password. Each runs in
/// its own scope (a fresh UserManager and DbContext) and is audited. The last admin can be neither demoted nor locked.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>A lock set by an admin lasts until an admin unlocks it.</summary>
    public static readonly DateTimeOffset LockedForever = DateTimeOffset.MaxValue;

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var roleByUser = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                select new { ur.UserId, r.Name }).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserRow(
            u.Id,
            u.Email ?? u.UserName ?? u.Id,
            roleByUser.FirstOrDefault(x => x.UserId == u.Id)?.Name,
            u.LockoutEnd is { } end && end > now,
            u.LockoutEnd,
            u.AccessFailedCount,
            u.CreatedAt)).ToList();
    }

    /// <summary>Creates a user with one role; returns the problem in plain words, or null on success.</summary>
    public async Task<string?> CreateAsync(string email, string password, string role, string actor, CancellationToken ct)
    {
        email = (email ?? string.Empty).Trim();
        if (!Roles.All.Contains(role))
        {
            return $"Choose a role: {string.Join(", ", Roles.All)}.";
        }

        if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
        {
            return "Enter the user's e-mail address.";
        }

        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            return $"E-mail: “{email}” is not an e-mail address (name@example.com).";
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        // The e-mail is also the sign-in name, whose characters Identity limits; its own message ("Username ... can only
        // contain letters or digits") names neither the field nor the character.
        var allowed = users.Options.User.AllowedUserNameCharacters;
        if (!string.IsNullOrEmpty(allowed) && email.FirstOrDefault(c => !allowed.Contains(c)) is var bad and not '\0')
        {
            return $"E-mail: “{email}” has “{bad}”, which a sign-in name cannot hold; use letters a-z, digits and - . _ @ +.";
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return $"A user {email} already exists.";
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(user, password ?? string.Empty);
        if (!result.Succeeded)
        {
            return Describe(result);
        }

        result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
        {
            await users.DeleteAsync(user);
            return Describe(result);
        }

        await AuditAsync(scope, actor, "created", email, $"Created with role {role}.", ct);
        return null;
    }

    public async Task<string?> SetRoleAsync(string userId, string role, string actor, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            return $"Choose a role: {string.Join(", ", Roles.All)}.";
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "That user no longer exists.";
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin && await IsLastAdminAsync(users))
        {
            return "This is the only admin; make another user an admin first.";
        }

        var result = await users.RemoveFromRolesAsync(user, current);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (!result.Succeeded)
        {
            return Describe(result);
        }

        // A new security stamp makes open sessions pick up the new role at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(scope, actor, "role-changed", user.Email ?? userId, $"Role {string.Join(",", current)} → {role}.", ct);
        return null;
    }

    public async Task<string?> SetLockedAsync(string userId, bool locked, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "That user no longer exists.";
        }

        if (locked && await users.IsInRoleAsync(user, Roles.Admin) && await IsLastAdminAsync(users))
        {
            return "This is the only admin; it cannot be locked.";
        }

        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, locked ? LockedForever : null);
        if (result.Succeeded && !locked)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }

        if (!result.Succeeded)
        {
            return Describe(result);
        }

        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(scope, actor, locked ? "locked" : "unlocked", user.Email ?? userId, null, ct);
        return null;
    }

    public async Task<string?> ResetPasswordAsync(string userId, string newPassword, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "That user no longer exists.";
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword ?? string.Empty);
        if (!result.Succeeded)
        {
            return Describe(result);
        }

        await AuditAsync(scope, actor, "password-reset", user.Email ?? userId, "Password reset by an admin.", ct);
        return null;
    }

    private static async Task<bool> IsLastAdminAsync(UserManager<AppUser> users) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1;

    private async Task AuditAsync(AsyncServiceScope scope, string actor, string action, string target, string? details, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        AuditLog.Add(db, clock, actor, AuditAreas.User, action, target, details);
        await db.SaveChangesAsync(ct);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
