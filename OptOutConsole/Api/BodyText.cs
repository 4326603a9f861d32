namespace OptOutConsole.Api;

/// <summary>A request body read as text: the text, or why it was refused (too large, or not UTF-8).</summary>
internal sealed record BodyText(string? Text, bool TooLarge, string? Error)
{
    public static readonly BodyText Refused = new(null, true, null);
}
