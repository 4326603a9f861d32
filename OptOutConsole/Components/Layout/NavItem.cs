namespace OptOutConsole.Components.Layout;

/// <summary>An entry of the navigation menu and the roles that may use it (the pages check the same roles on the server).</summary>
public sealed record NavItem(string Title, string Href, string Icon, IReadOnlyList<string> Roles);
