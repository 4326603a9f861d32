using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Core.Services;

/// <summary>
/// A per-field difference between two config documents, one readable line per change, in document order:
/// <c>global.optOut.keywords: added BAJA</c>, <c>languages[es]: added</c>, <c>friendlyName: “A” → “B”</c>.
/// Used by the history (two versions) and the import preview (current document against the file).
/// </summary>
public static class ConfigDiff
{
    private const int ShownTextLength = 80;

    /// <summary>The changes that turn <paramref name="before"/> into <paramref name="after"/>; empty when they are the same.</summary>
    public static IReadOnlyList<string> Compare(ServiceConfig before, ServiceConfig after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        Text(lines, ConfigPaths.FriendlyName, before.FriendlyName, after.FriendlyName);
        Text(lines, ConfigPaths.Description, before.Description, after.Description);
        Text(lines, ConfigPaths.DefaultLanguage, before.DefaultLanguage, after.DefaultLanguage);
        Flag(lines, "advancedOptOutEnabled", before.AdvancedOptOutEnabled, after.AdvancedOptOutEnabled);
        Flag(lines, "replyToHelpWhenOptedOut", before.ReplyToHelpWhenOptedOut, after.ReplyToHelpWhenOptedOut);
        List(lines, ConfigPaths.Senders, before.Senders, after.Senders);
        Text(lines, ConfigPaths.WebhookUrl, before.WebhookUrl, after.WebhookUrl);
        Set(lines, ConfigPaths.Global, before.Global, after.Global);
        Overrides(lines, "languages", before.Languages.Select(l => (l.Language, (KeywordSet)l)).ToList(), after.Languages.Select(l => (l.Language, (KeywordSet)l)).ToList());
        Overrides(lines, "countries", before.Countries.Select(c => (c.Country, (KeywordSet)c)).ToList(), after.Countries.Select(c => (c.Country, (KeywordSet)c)).ToList());
        Text(lines, "optOutIntent.mode", before.OptOutIntent.Mode, after.OptOutIntent.Mode);
        List(lines, "optOutIntent.phrases", before.OptOutIntent.Phrases, after.OptOutIntent.Phrases);
        List(lines, "optOutIntent.ignore", before.OptOutIntent.Ignore, after.OptOutIntent.Ignore);
        return lines;
    }

    private static void Overrides(List<string> lines, string list, List<(string Code, KeywordSet Set)> before, List<(string Code, KeywordSet Set)> after)
    {
        var beforeCodes = before.Select(b => b.Code).ToList();
        var afterCodes = after.Select(a => a.Code).ToList();
        foreach (var (code, set) in after)
        {
            var path = $"{list}[{code}]";
            var old = before.FirstOrDefault(b => b.Code == code);
            if (old.Set is null)
            {
                lines.Add($"{path}: added");
                Set(lines, path, new KeywordSet(), set);
            }
            else
            {
                Set(lines, path, old.Set, set);
            }
        }

        foreach (var code in beforeCodes.Where(c => !afterCodes.Contains(c)))
        {
            lines.Add($"{list}[{code}]: removed");
        }

        var kept = beforeCodes.Where(afterCodes.Contains).ToList();
        var keptAfter = afterCodes.Where(beforeCodes.Contains).ToList();
        if (!kept.SequenceEqual(keptAfter))
        {
            lines.Add($"{list}: order {string.Join(", ", kept)} → {string.Join(", ", keptAfter)}");
        }
    }

    private static void Set(List<string> lines, string setPath, KeywordSet before, KeywordSet after)
    {
        foreach (var category in KeywordCategories.All)
        {
            List(lines, ConfigPaths.Keywords(setPath, category), before[category].Keywords, after[category].Keywords);
            Text(lines, ConfigPaths.Reply(setPath, category), before[category].Reply, after[category].Reply);
        }
    }

    private static void List(List<string> lines, string path, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var added = after.Where(a => !before.Contains(a)).ToList();
        var removed = before.Where(b => !after.Contains(b)).ToList();
        if (added.Count > 0)
        {
            lines.Add($"{path}: added {string.Join(", ", added)}");
        }

        if (removed.Count > 0)
        {
            lines.Add($"{path}: removed {string.Join(", ", removed)}");
        }

        var keptBefore = before.Where(after.Contains).ToList();
        var keptAfter = after.Where(before.Contains).ToList();
        if (!keptBefore.SequenceEqual(keptAfter))
        {
            lines.Add($"{path}: reordered");
        }
    }

    private static void Text(List<string> lines, string path, string? before, string? after)
    {
        before = string.IsNullOrEmpty(before) ? null : before;
        after = string.IsNullOrEmpty(after) ? null : after;
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return;
        }

        lines.Add($"{path}: {Show(before)} → {Show(after)}");
    }

    private static void Flag(List<string> lines, string path, bool before, bool after)
    {
        if (before != after)
        {
            lines.Add($"{path}: {(before ? "on" : "off")} → {(after ? "on" : "off")}");
        }
    }

    private static string Show(string? text) => text is null
        ? "(blank)"
        : text.Length <= ShownTextLength ? $"“{text}”" : $"“{text[..ShownTextLength]}…”";
}
