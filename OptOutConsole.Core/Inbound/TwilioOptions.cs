namespace OptOutConsole.Core.Inbound;

/// <summary>The <c>Twilio</c> configuration section (DESIGN 5.3).</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AuthToken { get; set; }

    public bool ValidateSignatures { get; set; } = true;

    /// <summary>The public URL the provider signs (scheme, host and optional path prefix) when behind a proxy.</summary>
    public string? PublicBaseUrl { get; set; }
}
