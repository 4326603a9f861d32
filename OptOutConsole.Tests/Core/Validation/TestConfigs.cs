using OptOutConsole.Core.Services;

namespace OptOutConsole.Tests.Core.Validation;

/// <summary>Documents the validator tests start from.</summary>
internal static class TestConfigs
{
    public const string Brand = "Sushi Rewards";

    /// <summary>A new service as the console creates it.</summary>
    public static ServiceConfig New() => DefaultReplies.NewConfig(Brand);

    /// <summary>A realistic service: a sender, a webhook, es and fr language sets, MX and CA country overrides.</summary>
    public static ServiceConfig SushiRewards()
    {
        var config = New();
        config.Description = "Loyalty texts for Sushi Rewards members.";
        config.Senders = ["+14155550123", "12345"];
        config.WebhookUrl = "https://example.com/sms/inbound";
        config.Languages =
        [
            new LanguageOverride
            {
                Language = "es",
                OptOut = new() { Keywords = ["BAJA", "ALTO", "CANCELAR"], Reply = "Sushi Rewards: te diste de baja. Responde ALTA para volver." },
                OptIn = new() { Keywords = ["ALTA"], Reply = "Sushi Rewards: alta confirmada. Pueden aplicar tarifas de mensajes y datos. Responde AYUDA para ayuda, BAJA para salir." },
                Help = new() { Keywords = ["AYUDA"], Reply = "Sushi Rewards: ayuda en https://example.com/ayuda o al 800 555 0199. Responde BAJA para salir." },
            },
            new LanguageOverride
            {
                Language = "fr",
                OptOut = new() { Keywords = ["ARRÊT", "DÉSABONNER"], Reply = "Sushi Rewards : désabonnement confirmé. Répondez ABONNER." },
                OptIn = new() { Keywords = ["ABONNER"], Reply = "Sushi Rewards: abonnement confirme. Des frais peuvent s'appliquer. Repondez AIDE pour de l'aide, ARRET pour arreter." },
                Help = new() { Keywords = ["AIDE"], Reply = "Sushi Rewards: aide sur https://example.com/aide ou aide@example.com. Repondez ARRET pour arreter." },
            },
        ];
        config.Countries =
        [
            new CountryOverride
            {
                Country = "MX",
                OptOut = new() { Keywords = ["PARAR"], Reply = "Sushi Rewards Mexico: te diste de baja. Responde ALTA para volver." },
            },
            new CountryOverride
            {
                Country = "CA",
                OptOut = new() { Reply = "Sushi Rewards Canada: You are unsubscribed. Reply START to resubscribe." },
            },
        ];
        return config;
    }

    public static IEnumerable<string> Describe(IEnumerable<OptOutConsole.Core.Validation.Problem> problems) =>
        problems.Select(p => $"{p.Severity} {p.Code} @ {p.Path}: {p.Message}");
}
