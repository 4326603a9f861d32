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

    /// <summary>The forward target, or null.</summary>
    public string? ForwardUrl { get; init; }

    /// <summary>The parameters to forward, as a JSON object (only with <see cref="ForwardUrl"/>).</summary>
    public string? ForwardParametersJson { get; init; }

    internal TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
