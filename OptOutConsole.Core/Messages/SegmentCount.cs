namespace OptOutConsole.Core.Messages;

/// <summary>The result of counting a message: its encoding, its length in that encoding's units and its segments.</summary>
/// <param name="Encoding">GSM-7 or UCS-2.</param>
/// <param name="Units">Septets for GSM-7 (extension characters count two), UTF-16 units for UCS-2.</param>
/// <param name="Segments">How many SMS segments the message takes; 0 for an empty message.</param>
/// <param name="Characters">The characters (text elements) a person would count.</param>
public readonly record struct SegmentCount(SmsEncoding Encoding, int Units, int Segments, int Characters)
{
    /// <summary>The units one segment holds for this message (single or concatenated).</summary>
    public int UnitsPerSegment => Segments <= 1
        ? (Encoding == SmsEncoding.Gsm7 ? SegmentCounter.Gsm7Single : SegmentCounter.Ucs2Single)
        : (Encoding == SmsEncoding.Gsm7 ? SegmentCounter.Gsm7Multi : SegmentCounter.Ucs2Multi);

    /// <summary>"GSM-7" or "UCS-2", as the API and the UI show it.</summary>
    public string EncodingName => Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";
}
