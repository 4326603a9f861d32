using System.Security;

namespace OptOutConsole.Core.Inbound;

/// <summary>The TwiML answers of the inbound webhook: one message, or an empty response.</summary>
public static class TwiML
{
    public const string ContentType = "text/xml";
    public const string Empty = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static string Message(string? reply) =>
        string.IsNullOrEmpty(reply)
            ? Empty
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{SecurityElement.Escape(reply)}</Message></Response>";
}
