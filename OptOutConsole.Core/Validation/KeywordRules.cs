using System.Globalization;
using System.Text;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Text;

namespace OptOutConsole.Core.Validation;

/// <summary>
/// The rules one keyword text must pass on its own (keyword.empty, keyword.too-long, keyword.chars), for the
/// editor's chip input and for <see cref="ConfigValidator"/>. Rules that need the rest of the document
/// (duplicate, conflict, limit, reserved, shadowed) are the validator's.
/// </summary>
public static class KeywordRules
{
    /// <summary>The end of every keyword.chars message.</summary>
    public const string AllowedCharacters = "keywords hold letters, digits and single inner spaces or hyphens only.";

    private const int DisplayMaxLength = 40;

    /// <summary>
    /// The first problem of <paramref name="keyword"/> taken alone, or null when it is a valid keyword.
    /// A keyword is valid when its match key (DESIGN 3.1) has 1 to <see cref="MatchKey.MaxLength"/> characters
    /// (UTF-16 units, so the classifier may rely on <c>key.Length</c>) and its text is words of letters (any
    /// script, with their combining marks) and digits joined by single spaces or hyphens: <c>ARRÊT</c>,
    /// <c>退订</c>, <c>OPT-OUT</c>, <c>STOP ALL</c>.
    /// </summary>
    /// <param name="keyword">The keyword as typed.</param>
    /// <param name="path">The path the problem names; empty for a chip that is not in the document yet.</param>
    public static Problem? Check(string? keyword, string path = "")
    {
        keyword ??= string.Empty;
        var key = Key(keyword);
        if (key.Length == 0)
        {
            return Problem.Error(
                ProblemCodes.KeywordEmpty,
                path,
                string.IsNullOrWhiteSpace(keyword)
                    ? "A keyword is empty: type a word or remove it."
                    : $"{Quote(keyword)} has no letters or digits, so no message can match it: use letters or digits.");
        }

        if (key.Length > MatchKey.MaxLength)
        {
            return Problem.Error(
                ProblemCodes.KeywordTooLong,
                path,
                $"{Quote(keyword)} has {key.Length} letters and digits; a keyword has at most {MatchKey.MaxLength}: shorten it.");
        }

        var chars = FindCharProblem(keyword);
        return chars is null ? null : Problem.Error(ProblemCodes.KeywordChars, path, $"{Quote(keyword)} {chars}: {AllowedCharacters}");
    }

    /// <summary>
    /// Every rule <paramref name="keyword"/> breaks on its own, for the document's validation: like <see cref="Check"/>,
    /// and a text that is not blank but has no letters or digits (<c>🛑</c>, <c>!!!</c>) breaks both keyword.empty
    /// and keyword.chars.
    /// </summary>
    public static IEnumerable<Problem> CheckAll(string? keyword, string path = "")
    {
        keyword ??= string.Empty;
        if (Check(keyword, path) is not { } first)
        {
            yield break;
        }

        yield return first;
        if (first.Code == ProblemCodes.KeywordEmpty && !string.IsNullOrWhiteSpace(keyword) && FindCharProblem(keyword) is { } chars)
        {
            yield return Problem.Error(ProblemCodes.KeywordChars, path, $"{Quote(keyword)} {chars}: {AllowedCharacters}");
        }
    }

    /// <summary>
    /// <see cref="MatchKey.Compute"/> made safe for any string: Unicode normalisation throws on unpaired surrogates
    /// (a JSON document can hold <c>"\ud800"</c>), so they become U+FFFD first, which no match key keeps.
    /// </summary>
    internal static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!Utf8Text.HasLoneSurrogate(text))
        {
            return MatchKey.Compute(text);
        }

        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            sb.Append(rune.ToString());
        }

        return MatchKey.Compute(sb.ToString());
    }

    /// <summary>The keyword in curly quotes for a message, shortened when long.</summary>
    internal static string Quote(string text)
    {
        var shown = text.Length <= DisplayMaxLength ? text : string.Concat(text.AsSpan(0, DisplayMaxLength), "…");
        return $"“{shown}”";
    }

    /// <summary>What is wrong with the characters of <paramref name="keyword"/> ("contains “!”"), or null.</summary>
    private static string? FindCharProblem(string keyword)
    {
        var previous = Part.Start;
        foreach (var rune in keyword.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (IsLetterOrDigit(category))
            {
                previous = Part.Word;
            }
            else if (IsMark(category) || IsJoiner(rune))
            {
                // A combining mark (ARRÊT written decomposed, a Devanagari vowel sign) or a zero-width (non-)joiner
                // belongs to the letter before it.
                if (previous != Part.Word)
                {
                    return $"has {Describe(rune)} that is not attached to a letter";
                }
            }
            else if (rune.Value is ' ' or '-')
            {
                var what = rune.Value == ' ' ? "a space" : "“-”";
                if (previous == Part.Start)
                {
                    return $"starts with {what}";
                }

                if (previous == Part.Separator)
                {
                    return "has two spaces or hyphens in a row";
                }

                previous = Part.Separator;
            }
            else
            {
                return $"contains {Describe(rune)}";
            }
        }

        return previous == Part.Separator ? $"ends with {(keyword[^1] == ' ' ? "a space" : "“-”")}" : null;
    }

    private static bool IsLetterOrDigit(UnicodeCategory c) => c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber;

    private static bool IsMark(UnicodeCategory c) =>
        c is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsJoiner(Rune r) => r.Value is 0x200C or 0x200D;

    private static string Describe(Rune rune)
    {
        var code = $"U+{rune.Value:X4}";
        return rune.Value switch
        {
            '\t' => "a tab",
            '\n' or '\r' => "a line break",
            0xA0 => $"a no-break space ({code})",
            0xFFFD => $"an unreadable character ({code})",
            _ => Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
                    or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => $"the invisible character {code}",
                UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                    => $"a combining mark ({code})",
                _ => $"“{rune}”",
            },
        };
    }

    private enum Part
    {
        Start,
        Word,
        Separator,
    }
}
