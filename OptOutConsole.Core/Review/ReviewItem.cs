namespace OptOutConsole.Core.Review;

/// <summary>
/// A text that matched no keyword but reads as an opt-out request (DESIGN 3.5, mode <c>review</c>), waiting for a
/// person to decide, or decided. Stored in the same commit as the webhook's answer; due 10 business days after receipt.
/// </summary>
public sealed class ReviewItem
{
    public const int PhraseMaxLength = 200;
    public const int ReasonMaxLength = 500;

    public long Id { get; set; }

    public required string ServiceSid { get; set; }

    /// <summary>The sender, E.164.</summary>
    public required string From { get; set; }

    public required string Body { get; set; }

    public string? MessageSid { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When it is opted out if nobody decided: <see cref="BusinessDays.DueAfter"/> of <see cref="ReceivedAt"/>.</summary>
    public DateTimeOffset DueAt { get; set; }

    public double Score { get; set; }

    public required string Phrase { get; set; }

    /// <summary>Where <see cref="Phrase"/> starts in <see cref="Body"/> (UTF-16 index), for highlighting.</summary>
    public int PhraseStart { get; set; }

    public int PhraseLength { get; set; }

    /// <summary>en, es or fr.</summary>
    public required string Language { get; set; }

    /// <summary><see cref="ReviewStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary><see cref="ReviewDecisions"/>, or null while open.</summary>
    public string? Decision { get; set; }

    public string? Reason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}
