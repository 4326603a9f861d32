using Microsoft.AspNetCore.Identity;

namespace OptOutConsole.Core.Identity;

/// <summary>A console user.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
