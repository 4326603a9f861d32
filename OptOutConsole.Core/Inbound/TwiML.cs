using System.Text;

namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The TwiML answers of the inbound webhook (DESIGN 5.1), exactly <c>&lt;Response&gt;&lt;Message&gt;reply&lt;/Message&gt;&lt;/Response&gt;</c>
/// or <c>&lt;Response/&gt;</c>, the reply escaped as XML text (as an XML writer escapes a text node).
/// </summary>
public static class TwiML
{
    public const string ContentType = "text/xml";
    public const string Empty = "<Response/>";

    public static string Message(string? reply) =>
        string.IsNullOrEmpty(reply) ? Empty : $"<Response><Message>{EscapeText(reply)}</Message></Response>";

    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>; drops characters XML 1.0 cannot carry.</summary>
    public static string EscapeText(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF'))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
