using Microsoft.AspNetCore.Components.Authorization;

namespace OptOutConsole.Components.Shared;

/// <summary>The signed-in user's name for audit entries.</summary>
internal static class CurrentUser
{
    public static async Task<string> NameAsync(Task<AuthenticationState> state) =>
        (await state).User.Identity?.Name ?? "unknown";
}
