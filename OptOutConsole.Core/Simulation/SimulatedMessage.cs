using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Messages;

namespace OptOutConsole.Core.Simulation;

/// <summary>One message through the simulator: the classifier's decision and what it would do, explained.</summary>
/// <param name="From">The sender (E.164), or null when only a country was given.</param>
/// <param name="Body">The text as typed.</param>
/// <param name="Classification">The live classifier's decision.</param>
/// <param name="Effect">The effect on the simulated block list.</param>
/// <param name="SentReply">The reply the subscriber gets; null when none (see <paramref name="NoReply"/>).</param>
/// <param name="NoReply">Why there is no reply; <see cref="NoReplyReason.None"/> when there is one.</param>
/// <param name="PossibleOptOut">A free-text opt-out request detected in a text that matched no keyword (DESIGN 3.5), or null.</param>
public sealed record SimulatedMessage(string? From, string Body, Classification Classification, SimulatedEffect Effect, string? SentReply, NoReplyReason NoReply, PossibleOptOut? PossibleOptOut = null)
{
    /// <summary>STOP, START, HELP, or null when nothing matched.</summary>
    public string? OptOutType => Classification.OptOutType;

    /// <summary>The reply's segments; the default (0 segments) when no reply is sent.</summary>
    public SegmentCount Segments => SentReply is null ? default : Classification.ReplySegments;

    /// <summary>The effect as a person reads it.</summary>
    public string EffectText => Effect switch
    {
        SimulatedEffect.Added => "added to block list",
        SimulatedEffect.AlreadyBlocked => "already on block list",
        SimulatedEffect.Removed => "removed from block list",
        SimulatedEffect.NotBlocked => "not on block list",
        _ => "none",
    };

    /// <summary>Why no reply, as a person reads it; null when a reply is sent.</summary>
    public string? NoReplyText => NoReply switch
    {
        NoReplyReason.NoMatch => "No reply: the text is not a keyword (it is still forwarded to the service's webhook).",
        NoReplyReason.HelpSuppressedForBlockedSender => "No reply: HELP from a number on the block list, and the service does not answer HELP when opted out.",
        NoReplyReason.NoReplyConfigured => "No reply: no set has a reply for this category.",
        NoReplyReason.FiledForReview => $"No reply: a possible opt-out request, filed for review (a person decides; it is opted out automatically if still open {Review.BusinessDays.RevocationDeadline} business days after receipt).",
        _ => null,
    };
}
