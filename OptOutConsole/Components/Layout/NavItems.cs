using System.Security.Claims;
using MudBlazor;
using OptOutConsole.Core.Identity;

namespace OptOutConsole.Components.Layout;

/// <summary>The console's sections in menu order.</summary>
public static class NavItems
{
    private static readonly string[] Everyone = [Roles.Admin, Roles.Compliance, Roles.Marketer];
    private static readonly string[] Editors = [Roles.Admin, Roles.Compliance];
    private static readonly string[] Admins = [Roles.Admin];

    public static readonly IReadOnlyList<NavItem> All =
    [
        new("Services", "services", Icons.Material.Filled.Sms, Everyone),
        new("Simulator", "simulator", Icons.Material.Filled.PhoneIphone, Everyone),
        new("Preview", "preview", Icons.Material.Filled.TableChart, Everyone),
        new("Dashboard", "dashboard", Icons.Material.Filled.Insights, Everyone),
        new("Block list", "block-list", Icons.Material.Filled.Block, Editors),
        new("Review", "review", Icons.Material.Filled.RateReview, Editors, CountsOpenReviews: true),
        new("Subscriber", "subscribers", Icons.Material.Filled.PersonSearch, Editors),
        new("Audit", "audit", Icons.Material.Filled.History, Editors),
        new("Users", "admin/users", Icons.Material.Filled.People, Admins),
        new("API keys", "admin/api-keys", Icons.Material.Filled.Key, Admins),
        new("Retention", "admin/retention", Icons.Material.Filled.AutoDelete, Admins),
    ];

    public static IEnumerable<NavItem> For(ClaimsPrincipal user) => All.Where(i => i.Roles.Any(user.IsInRole));
}
