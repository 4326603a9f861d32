namespace OptOutConsole.Core.Messages;

/// <summary>How an SMS body is encoded on the air (DESIGN 4).</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet with its extension table.</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16 units), used as soon as one character is outside GSM-7.</summary>
    Ucs2,
}
