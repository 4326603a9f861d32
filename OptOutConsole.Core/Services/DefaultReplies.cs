using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Services;

/// <summary>
/// The English replies a new service starts with. They pass the compliance lint (brand, help, stop, rates; no
/// marketing in the opt-out; a contact in the help reply) and they are also the built-in replies used when
/// Advanced Opt-Out is off (DESIGN 3.4).
/// </summary>
public static class DefaultReplies
{
    /// <summary>The placeholder contact of a new service's help reply; the editor asks for it to be replaced.</summary>
    public const string PlaceholderContact = "https://example.com/help";

    public static string For(KeywordCategory category, string friendlyName)
    {
        var brand = string.IsNullOrWhiteSpace(friendlyName) ? "This service" : friendlyName.Trim();
        return category switch
        {
            KeywordCategory.OptOut => $"{brand}: You are unsubscribed and will receive no more messages. Reply START to resubscribe.",
            KeywordCategory.OptIn => $"{brand}: You are subscribed. Msg&data rates may apply. Reply HELP for help, STOP to opt out.",
            KeywordCategory.Help => $"{brand}: For help visit {PlaceholderContact}. Msg&data rates may apply. Reply STOP to opt out.",
            _ => throw new ArgumentOutOfRangeException(nameof(category)),
        };
    }

    /// <summary>A new service's config: the default keywords and replies, no overrides.</summary>
    public static ServiceConfig NewConfig(string friendlyName)
    {
        var config = new ServiceConfig { FriendlyName = friendlyName };
        foreach (var (category, c) in config.Global.Categories)
        {
            c.Keywords = [.. DefaultKeywords.For(category)];
            c.Reply = For(category, friendlyName);
        }

        return config;
    }
}
