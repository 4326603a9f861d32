namespace OptOutConsole.Core.Tracking;

/// <summary>Campaign opt-ins and, of those, how many a STOP keyword later ended (a sum, or a batch's change to one).</summary>
public readonly record struct ConversionCount(long OptIns, long OptedOutLater)
{
    public static ConversionCount operator +(ConversionCount a, ConversionCount b) =>
        new(a.OptIns + b.OptIns, a.OptedOutLater + b.OptedOutLater);
}
