namespace OptOutConsole.Core.Inbound;

/// <summary>One inbound message decided by the classifier, waiting for the writer to make its effects durable.</summary>
public sealed class InboundWork
{
    public required string ServiceSid { get; init; }

    public string? MessageSid { get; init; }

    /// <summary>E.164.</summary>
    public required string From { get; init; }

    public string Country { get; init; } = string.Empty;

    /// <summary>STOP, START, HELP, or null for no match.</summary>
    public string? Type { get; init; }

    public string? Keyword { get; init; }

    /// <summary>True for a START matched by a campaign keyword (<see cref="Tracking.CampaignKeywords.IsCampaign"/>): it counts as a conversion.</summary>
    public bool CampaignOptIn { get; init; }

    public string? Language { get; init; }

    public string? AnsweredBy { get; init; }

    public string? Reply { get; init; }

    /// <summary>False when HELP must not be answered to a blocked number (DESIGN 3.4).</summary>
    public bool ReplyToHelpWhenBlocked { get; init; } = true;

    /// <summary>A possible opt-out to file for review (DESIGN 3.5, mode <c>review</c>), or null.</summary>
    public Keywords.PossibleOptOut? Review { get; init; }

    /// <summary>The message text, kept with a review item (only with <see cref="Review"/>).</summary>
    public string? Body { get; init; }

    /// <summary>The block list's source for a STOP: <c>keyword</c>, or <c>intent</c> for a detected request handled as one.</summary>
    public string BlockSource { get; init; } = BlockList.BlockListSources.Keyword;

    /// <summary>What the block list keeps as the keyword of a STOP: the keyword, or a detected request's phrase.</summary>
    public string? BlockKeyword { get; init; }

    /// <summary>
    /// The sender's keyed hash (<see cref="Privacy.SubscriberHasher"/>), under which the block list keeps an erased
    /// subscriber: given for a START (it takes that entry off too) and a HELP that a block silences; else null.
    /// </summary>
    public string? FromHash { get; init; }

    /// <summary>The forward target, or null.</summary>
    public string? ForwardUrl { get; init; }

    /// <summary>The parameters to forward, as a JSON object (only with <see cref="ForwardUrl"/>).</summary>
    public string? ForwardParametersJson { get; init; }

    internal TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
