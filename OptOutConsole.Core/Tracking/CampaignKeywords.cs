using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Tracking;

/// <summary>
/// Campaign keywords: the opt-in keywords of a service that are not built-in defaults (START, YES, UNSTOP, compared by
/// match key). The webhook counts opt-ins by them and the dashboard lists them; both read this one definition.
/// </summary>
public static class CampaignKeywords
{
    /// <summary>True when <paramref name="optInKeyword"/> (an opt-in keyword as configured) is a campaign keyword.</summary>
    public static bool IsCampaign(string? optInKeyword) =>
        !string.IsNullOrWhiteSpace(optInKeyword) && !DefaultKeywords.IsDefault(KeywordCategory.OptIn, optInKeyword);

    /// <summary>The campaign keywords of every set of <paramref name="config"/>, as configured, each spelling once.</summary>
    public static IReadOnlyList<string> Of(ServiceConfig config) =>
        new[] { config.Global.OptIn }
            .Concat(config.Languages.Select(l => l.OptIn))
            .Concat(config.Countries.Select(c => c.OptIn))
            .SelectMany(c => c.Keywords)
            .Where(IsCampaign)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
