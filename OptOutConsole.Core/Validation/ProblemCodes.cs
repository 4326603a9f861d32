namespace OptOutConsole.Core.Validation;

/// <summary>The stable problem codes of DESIGN 2. The API returns them and clients may branch on them: never rename one.</summary>
public static class ProblemCodes
{
    public const string KeywordEmpty = "keyword.empty";
    public const string KeywordTooLong = "keyword.too-long";
    public const string KeywordChars = "keyword.chars";
    public const string KeywordLimit = "keyword.limit";
    public const string KeywordDuplicate = "keyword.duplicate";
    public const string KeywordConflict = "keyword.conflict";
    public const string KeywordReserved = "keyword.reserved";
    public const string KeywordShadowed = "keyword.shadowed";

    public const string ReplyRequired = "reply.required";
    public const string ReplyTooLong = "reply.too-long";
    public const string ReplySegments = "reply.segments";

    public const string OverrideCode = "override.code";

    public const string NameRequired = "name.required";
    public const string NameTooLong = "name.too-long";

    /// <summary>The friendly name holds a control character (a line break, a tab, U+0000): replies show it as the brand.</summary>
    public const string NameChars = "name.chars";

    /// <summary>The description is longer than <see cref="Services.ServiceConfig.DescriptionMaxLength"/>.</summary>
    public const string NameDescriptionTooLong = "name.description-too-long";

    public const string SenderInvalid = "sender.invalid";
    public const string SenderDuplicate = "sender.duplicate";
    public const string SenderTaken = "sender.taken";

    public const string UrlInvalid = "url.invalid";

    public const string LintFccWord = "lint.fcc-word";
    public const string LintOptOutMarketing = "lint.optout-marketing";
    public const string LintOptInDisclosure = "lint.optin-disclosure";
    public const string LintHelpContact = "lint.help-contact";
    public const string LintCanada = "lint.canada";

    /// <summary><c>optOutIntent.mode</c> is not off, review or block.</summary>
    public const string IntentMode = "intent.mode";

    /// <summary>An extra or ruled-out opt-out phrase is empty, too long, holds a control character, or is one too many.</summary>
    public const string IntentPhrase = "intent.phrase";

    /// <summary>Free-text opt-out detection is off: "stop texting me" goes unanswered (FCC 24-24: revocation by any reasonable means).</summary>
    public const string LintIntentOff = "lint.intent-off";

    /// <summary>A saved test case (simulator message with its expected outcome) no longer gets its expected answer.</summary>
    public const string TestCaseFailed = "testcase.failed";

    /// <summary>A test case being saved is incomplete or malformed (name, sender, text, expected type or set).</summary>
    public const string TestCaseInvalid = "testcase.invalid";
}
