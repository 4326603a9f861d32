namespace OptOutConsole.Core.Audit;

/// <summary>The areas an audit entry can be about; the audit page filters by them.</summary>
public static class AuditAreas
{
    public const string Service = "service";
    public const string User = "user";
    public const string ApiKey = "api-key";
    public const string BlockList = "block-list";
    public const string TestCase = "test-case";

    /// <summary>Decisions about possible opt-outs (the review queue), a person's or the deadline's.</summary>
    public const string Review = "review";

    /// <summary>What the retention job removed (no number: only counts).</summary>
    public const string Retention = "retention";

    /// <summary>Erasures of subscribers (named by their keyed hash, never the number).</summary>
    public const string Privacy = "privacy";

    public static readonly IReadOnlyList<string> All = [Service, User, ApiKey, BlockList, TestCase, Review, Retention, Privacy];
}
