namespace OptOutConsole.Core.Tracking;

/// <summary>
/// One campaign (custom opt-in) keyword of a service: <see cref="Subscribers"/> = the opt-ins it brought in the period
/// (a number counts again only after it opted out or switched campaign); <see cref="OptedOutLater"/> = of those, how
/// many a STOP keyword later ended (docs/decisions/dashboard-net-change.md).
/// </summary>
public sealed record ConversionRow(string ServiceSid, string ServiceName, string Keyword, long Subscribers, long OptedOutLater)
{
    public double OptOutRate => Subscribers == 0 ? 0 : (double)OptedOutLater / Subscribers;
}
