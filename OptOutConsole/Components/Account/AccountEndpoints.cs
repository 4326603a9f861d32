using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OptOutConsole.Core.Identity;

namespace OptOutConsole.Components.Account;

/// <summary>The account endpoints that are not pages: sign-out.</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/Account");
        group.MapPost("/Logout", async ([FromServices] SignInManager<AppUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return group;
    }
}
