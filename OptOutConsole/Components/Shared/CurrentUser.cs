using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using OptOutConsole.Core.Identity;

namespace OptOutConsole.Components.Shared;

/// <summary>The signed-in user's name for audit entries, and whether their role may edit.</summary>
internal static class CurrentUser
{
    public static async Task<string> NameAsync(Task<AuthenticationState> state) =>
        (await state).User.Identity?.Name ?? "unknown";

    /// <summary>True for Admin and Compliance (the <see cref="Roles.CanEdit"/> policy); checked again by every handler that writes.</summary>
    public static async Task<bool> CanEditAsync(Task<AuthenticationState> state) => CanEdit((await state).User);

    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Compliance);
}
