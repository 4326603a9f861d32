using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Services;

/// <summary>The demo service an empty database gets when <c>Seed:Demo</c> is on: "Sushi Rewards" with es/fr sets and MX/CA overrides.</summary>
public static class DemoData
{
    public const string ServiceName = "Sushi Rewards";
    // Not the DESIGN example's +14155550100: senders are unique, and the example document must be usable on a console with the demo.
    public const string Sender = "+14155550171";

    public static ServiceConfig SushiRewards()
    {
        var c = DefaultReplies.NewConfig(ServiceName);
        c.Description = "Demo: loyalty texts for a sushi chain in the US, Mexico and Canada.";
        c.Senders = [Sender];
        c.Global.OptIn.Keywords.AddRange(["SUSHI", "ROLLS"]);
        c.Global[KeywordCategory.Help].Reply = "Sushi Rewards: help at rewards@sushi.example or 1-800-555-0199. Msg&data rates may apply. Reply STOP to opt out.";
        c.Languages =
        [
            new LanguageOverride
            {
                Language = "es",
                OptOut = new() { Keywords = ["BAJA", "ALTO", "PARAR", "CANCELAR"], Reply = "Sushi Rewards: Te has dado de baja y no recibiras mas mensajes. Responde ALTA para volver." },
                OptIn = new() { Keywords = ["ALTA", "COMENZAR"], Reply = "Sushi Rewards: Te has suscrito. Pueden aplicar tarifas de mensajes y datos. Responde AYUDA (HELP) para ayuda, BAJA (STOP) para cancelar." },
                Help = new() { Keywords = ["AYUDA"], Reply = "Sushi Rewards: ayuda en rewards@sushi.example. Pueden aplicar tarifas. Responde BAJA para cancelar." },
            },
            new LanguageOverride
            {
                Language = "fr",
                OptOut = new() { Keywords = ["ARRET", "ARRETER", "DESABONNER"], Reply = "Sushi Rewards : désabonnement confirmé, vous ne recevrez plus de messages. Répondez ABONNER pour revenir." },
                OptIn = new() { Keywords = ["ABONNER"], Reply = "Sushi Rewards : abonnement confirmé. Des frais de messagerie peuvent s'appliquer. AIDE (HELP) pour l'aide, ARRET (STOP) pour vous désinscrire." },
                Help = new() { Keywords = ["AIDE"], Reply = "Sushi Rewards : aide à rewards@sushi.example. Des frais peuvent s'appliquer. Répondez ARRET pour vous désinscrire." },
            },
        ];
        c.Countries =
        [
            new CountryOverride
            {
                Country = "MX",
                OptOut = new() { Reply = "Sushi Rewards México: Te diste de baja. No recibiras mas mensajes. Responde ALTA para volver." },
                OptIn = new(),
                Help = new() { Reply = "Sushi Rewards México: ayuda al 55 5555 0199 o rewards@sushi.example. Responde BAJA para cancelar." },
            },
            new CountryOverride
            {
                Country = "CA",
                OptOut = new() { Reply = "Sushi Rewards Canada: You are unsubscribed and will receive no more messages. Reply START to resubscribe." },
                OptIn = new(),
                Help = new() { Reply = "Sushi Rewards Canada: help at rewards@sushi.example or 1-800-555-0199. Reply STOP to opt out." },
            },
        ];
        return c;
    }
}
