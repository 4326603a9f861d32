using System.Text.Json;
using OptOutConsole.Core.BlockList;
using OptOutConsole.Core.Phones;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// Decides one inbound message (DESIGN 3 and 5.1): finds the service, classifies with the same classifier as the
/// simulator, and hands the decided effects to the <see cref="InboundWriter"/>, whose commit releases the answer.
/// </summary>
public sealed class InboundProcessor(ServiceDirectory directory, InboundWriter writer, SenderCache senders, Privacy.SubscriberHasher hasher)
{
    public const int MaxSidLength = 64;

    public async Task<InboundOutcome> ProcessAsync(IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken ct)
    {
        string? Get(string name)
        {
            foreach (var (k, v) in parameters)
            {
                if (k == name)
                {
                    return v;
                }
            }

            return null;
        }

        var rawFrom = Get("From");
        var body = Get("Body");
        if (string.IsNullOrWhiteSpace(rawFrom))
        {
            return InboundOutcome.BadRequest("The 'From' parameter is missing: the sender's phone number is required.");
        }

        if (body is null)
        {
            return InboundOutcome.BadRequest("The 'Body' parameter is missing: the message text is required (it may be empty).");
        }

        var messageSid = Get("MessageSid") ?? Get("SmsSid");
        if (messageSid is { Length: > MaxSidLength })
        {
            return InboundOutcome.BadRequest($"'MessageSid' is longer than {MaxSidLength} characters.");
        }

        var fromCountry = Get("FromCountry");
        var sender = senders.Resolve(WithoutChannel(rawFrom)!, fromCountry is { Length: 2 } ? fromCountry.ToUpperInvariant() : null);
        var from = sender.E164;
        if (from is null)
        {
            return InboundOutcome.BadRequest($"'From' ({Shorten(rawFrom)}) is not a valid phone number.");
        }

        var service = await FindServiceAsync(Get("MessagingServiceSid"), Get("To"), ct);
        if (service is null)
        {
            return InboundOutcome.NotFound("No messaging service matches this message's MessagingServiceSid or To number.");
        }

        // DESIGN 3.2: the number's region, else the provider's FromCountry hint.
        var country = sender.Region ?? (string.IsNullOrWhiteSpace(fromCountry) ? null : fromCountry.Trim().ToUpperInvariant());
        var result = service.Classifier.ClassifyForCountry(body, country);

        // DESIGN 3.5: no keyword, but maybe an opt-out request in words; in mode block it is handled as a STOP.
        var possible = service.Classifier.DetectOptOutIntent(result, body);
        var detectedStop = possible?.Action == OptOutIntentConfig.Block;
        if (detectedStop)
        {
            result = service.Classifier.ClassifyDetected(possible!, country);
        }

        string? forwardJson = null;
        if (service.WebhookUrl is not null)
        {
            var forward = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in parameters)
            {
                forward[k] = v;
            }

            forward.Remove("OptOutType");
            forward.Remove("OptOutIntent");
            if (result.IsMatch && service.Config.AdvancedOptOutEnabled)
            {
                forward["OptOutType"] = result.OptOutType!;
            }
            else if (possible?.Action == OptOutIntentConfig.Review)
            {
                forward["OptOutIntent"] = "POSSIBLE";
            }

            forwardJson = JsonSerializer.Serialize(forward);
        }

        var work = new InboundWork
        {
            ServiceSid = service.Sid,
            MessageSid = string.IsNullOrEmpty(messageSid) ? null : messageSid,
            From = from,
            Country = result.Country ?? string.Empty,
            Type = result.OptOutType,
            Keyword = result.MatchedKeyword,
            CampaignOptIn = result.OptOutType == "START" && CampaignKeywords.IsCampaign(result.MatchedKeyword),
            Language = result.IsMatch ? result.Language : null,
            AnsweredBy = result.AnsweredBy,
            Reply = result.IsMatch ? result.Reply : null,
            ReplyToHelpWhenBlocked = service.Classifier.ReplyToHelpWhenOptedOut,
            FromHash = result.OptOutType == "START" || (result.OptOutType == "HELP" && !service.Classifier.ReplyToHelpWhenOptedOut) ? hasher.Hash(from) : null,
            Review = possible?.Action == OptOutIntentConfig.Review ? possible : null,
            Body = possible?.Action == OptOutIntentConfig.Review ? body : null,
            BlockSource = detectedStop ? BlockListSources.Intent : BlockListSources.Keyword,
            BlockKeyword = detectedStop ? possible!.Phrase : null,
            ForwardUrl = service.WebhookUrl,
            ForwardParametersJson = forwardJson,
        };
        return InboundOutcome.Answer(await writer.SubmitAsync(work, ct));
    }

    /// <summary>The service by <c>MessagingServiceSid</c>, else by <c>To</c> among the senders (DESIGN 5.1).</summary>
    public async Task<CompiledService?> FindServiceAsync(string? messagingServiceSid, string? to, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(messagingServiceSid) && await directory.GetAsync(messagingServiceSid, ct) is { } bySid)
        {
            return bySid;
        }

        var sid = await directory.SidOfSenderAsync(WithoutChannel(to), ct);
        return sid is null ? null : await directory.GetAsync(sid, ct);
    }

    /// <summary>Drops a channel prefix such as <c>whatsapp:</c> from an address.</summary>
    public static string? WithoutChannel(string? address)
    {
        if (address is null)
        {
            return null;
        }

        var colon = address.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < 16 ? address[(colon + 1)..].Trim() : address.Trim();
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
