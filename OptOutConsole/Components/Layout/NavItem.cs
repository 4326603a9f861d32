namespace OptOutConsole.Components.Layout;

/// <summary>An entry of the navigation menu and the roles that may use it (the pages check the same roles on the server).</summary>
/// <param name="CountsOpenReviews">The entry shows how many review items are open (the review queue).</param>
public sealed record NavItem(string Title, string Href, string Icon, IReadOnlyList<string> Roles, bool CountsOpenReviews = false);
