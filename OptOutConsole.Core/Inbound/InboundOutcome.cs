namespace OptOutConsole.Core.Inbound;

/// <summary>The webhook's answer: a status code and either TwiML (200) or a plain reason.</summary>
public sealed record InboundOutcome(int StatusCode, string Body, bool IsTwiML)
{
    public static InboundOutcome Answer(string twiml) => new(200, twiml, true);

    public static InboundOutcome BadRequest(string reason) => new(400, reason, false);

    public static InboundOutcome NotFound(string reason) => new(404, reason, false);
}
