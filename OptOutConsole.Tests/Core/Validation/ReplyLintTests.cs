using OptOutConsole.Core.Validation;

namespace OptOutConsole.Tests.Core.Validation;

public sealed class ReplyLintTests
{
    private static readonly IReadOnlySet<string> Help = new HashSet<string> { "HELP", "INFO", "AYUDA", "AIDE" };
    private static readonly IReadOnlySet<string> Stop = new HashSet<string> { "STOP", "OPTOUT", "BAJA", "ARRET" };

    [Theory]
    [InlineData("Visit https://sushi.example/deals", "https://sushi.example/deals")]
    [InlineData("See bit.ly/abc.", "bit.ly/abc")]
    [InlineData("www.sushi.example", "www.sushi.example")]
    [InlineData("Enjoy 20% off next time", "20%")]
    [InlineData("Last chance: LIMITED TIME offer", "LIMITED TIME")]
    [InlineData("Tienes un cupón de descuento", "cupón")]
    [InlineData("Profitez de nos soldes", "Profitez")]
    [InlineData("Gagnez un cadeau", "Gagnez")]
    public void FindMarketing_PromotionalReply_NamesFirstFinding(string reply, string first)
    {
        var found = ReplyLint.FindMarketing(reply, "Sushi Rewards");

        Assert.Equal(first, found[0]);
    }

    [Theory]
    [InlineData("Sushi Rewards: You are unsubscribed. Reply START to resubscribe.", "Sushi Rewards")]
    [InlineData("Daily Deals: You are unsubscribed.", "Daily Deals")]
    [InlineData("Unsubscribed.To rejoin reply START", "Sushi Rewards")]
    [InlineData("Questions? help@sushi.example", "Sushi Rewards")]
    [InlineData("Te diste de baja. Responde ALTA para volver.", "Sushi Rewards")]
    [InlineData("Vous êtes désabonné. Répondez ABONNER pour revenir.", "Sushi Rewards")]
    public void FindMarketing_PlainConfirmation_Empty(string reply, string brand)
    {
        var found = ReplyLint.FindMarketing(reply, brand);

        Assert.Empty(found);
    }

    [Theory]
    [InlineData("Sushi Rewards: subscribed. Msg&data rates may apply. Reply HELP for help, STOP to opt out.")]
    [InlineData("SUSHI-REWARDS: subscribed. Msg & data rates may apply. Text INFO or opt out anytime.")]
    [InlineData("Sushi Rewards: alta. Pueden aplicar tarifas. AYUDA para ayuda, BAJA para salir.")]
    [InlineData("Sushi Rewards : abonné. Des frais peuvent s'appliquer. AIDE pour l'aide, ARRÊT pour arrêter.")]
    [InlineData("Sushi Rewards: subscribed. Standard rates apply. help? stop?")]
    public void MissingDisclosures_CompleteOptIn_Empty(string reply)
    {
        var missing = ReplyLint.MissingDisclosures(reply, "Sushi Rewards", Help, Stop);

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("Subscribed. Msg&data rates may apply. Reply HELP, STOP.", "the brand")]
    [InlineData("Sushi Rewards: subscribed. Msg&data rates may apply. Reply STOP.", "how to get help")]
    [InlineData("Sushi Rewards: subscribed. Msg&data rates may apply. Reply HELP.", "how to stop")]
    [InlineData("Sushi Rewards: subscribed. Reply HELP for help, STOP to stop.", "a message-rates")]
    [InlineData("Sushi Rewards: subscribed. HELPFUL STOPWATCH rates", "how to get help")]
    public void MissingDisclosures_IncompleteOptIn_NamesPart(string reply, string part)
    {
        var missing = ReplyLint.MissingDisclosures(reply, "Sushi Rewards", Help, Stop);

        Assert.Contains(missing, m => m.StartsWith(part, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Help: https://example.com/help", true)]
    [InlineData("Write to help@example.com", true)]
    [InlineData("Call +1 (800) 555-0199", true)]
    [InlineData("Call 0800 555 019", true)]
    [InlineData("Visit sushi.com/help", true)]
    [InlineData("Text 12345 for help", false)]
    [InlineData("We are here to help.", false)]
    public void HasContact_HelpReply_Expected(string reply, bool expected)
    {
        var has = ReplyLint.HasContact(reply);

        Assert.Equal(expected, has);
    }
}
