using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Core.Simulation;

/// <summary>
/// A simulator session: messages run through the live classifier and the effects of DESIGN 3.4 applied to a
/// simulated block list that this object owns. Nothing here touches the database or the real block list.
/// </summary>
/// <remarks>Not thread-safe: one run belongs to one page (one circuit) or one batch.</remarks>
public sealed class SimulationRun
{
    /// <summary>The most texts one batch runs.</summary>
    public const int MaxBatch = 1000;

    private readonly HashSet<string> blocked;

    /// <param name="blocked">The simulated block list to start from (copied); empty when null.</param>
    public SimulationRun(IEnumerable<string>? blocked = null)
    {
        this.blocked = new HashSet<string>(blocked ?? [], StringComparer.Ordinal);
    }

    /// <summary>The numbers on the simulated block list.</summary>
    public IReadOnlyCollection<string> Blocked => blocked;

    /// <summary>Empties the simulated block list.</summary>
    public void Reset() => blocked.Clear();

    /// <summary>Runs one text through <paramref name="service"/>'s classifier (the webhook's own).</summary>
    public SimulatedMessage Send(CompiledService service, string? from, string body, string? fromCountryHint = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Send(service.Classifier, from, body, fromCountryHint);
    }

    /// <summary>Runs one text from <paramref name="from"/> (E.164) and applies its effect to the simulated block list.</summary>
    public SimulatedMessage Send(KeywordClassifier classifier, string? from, string body, string? fromCountryHint = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        body ??= string.Empty;
        var c = classifier.Classify(from, body, fromCountryHint);

        // DESIGN 3.5, as the webhook does it: in mode block a detected request is a STOP, in mode review it is filed.
        var possible = classifier.DetectOptOutIntent(c, body);
        if (possible?.Action == Services.OptOutIntentConfig.Block)
        {
            c = classifier.ClassifyDetected(possible, c.Country);
        }

        // A sender without a number (country only) still has a block-list slot, so a STOP then HELP behaves as for a number.
        var key = from ?? $"country:{c.Country}";
        var wasBlocked = blocked.Contains(key);
        var effect = c.Category switch
        {
            KeywordCategory.OptOut => blocked.Add(key) ? SimulatedEffect.Added : SimulatedEffect.AlreadyBlocked,
            KeywordCategory.OptIn => blocked.Remove(key) ? SimulatedEffect.Removed : SimulatedEffect.NotBlocked,
            _ => SimulatedEffect.None,
        };

        NoReplyReason reason;
        if (!c.IsMatch)
        {
            reason = possible is not null ? NoReplyReason.FiledForReview : NoReplyReason.NoMatch;
        }
        else if (string.IsNullOrEmpty(c.Reply))
        {
            reason = NoReplyReason.NoReplyConfigured;
        }
        else
        {
            reason = classifier.ShouldReply(c, wasBlocked) ? NoReplyReason.None : NoReplyReason.HelpSuppressedForBlockedSender;
        }

        return new SimulatedMessage(from, body, c, effect, reason == NoReplyReason.None ? c.Reply : null, reason, possible);
    }

    /// <summary>Runs sample texts in order (effects accumulate); a sample without a sender uses <paramref name="defaultFrom"/>.</summary>
    public IReadOnlyList<SimulatedMessage> RunBatch(KeywordClassifier classifier, IEnumerable<SampleText> samples, string? defaultFrom, string? defaultCountry = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Take(MaxBatch)
            .Select(s => Send(classifier, s.From ?? defaultFrom, s.Body, s.From is null ? defaultCountry : null))
            .ToList();
    }
}
