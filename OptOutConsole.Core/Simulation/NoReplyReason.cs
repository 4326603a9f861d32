namespace OptOutConsole.Core.Simulation;

/// <summary>Why a simulated message got no reply.</summary>
public enum NoReplyReason
{
    /// <summary>It got a reply.</summary>
    None,

    /// <summary>The text is no keyword (it would still be forwarded).</summary>
    NoMatch,

    /// <summary>HELP from a blocked number while the service has <c>ReplyToHelpWhenOptedOut</c> off.</summary>
    HelpSuppressedForBlockedSender,

    /// <summary>A keyword matched but no set has a reply for its category.</summary>
    NoReplyConfigured,

    /// <summary>No keyword, but a possible opt-out request: filed for a person to decide (mode review), no reply meanwhile.</summary>
    FiledForReview,
}
