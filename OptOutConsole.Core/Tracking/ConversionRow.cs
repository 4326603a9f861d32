namespace OptOutConsole.Core.Tracking;

/// <summary>
/// One campaign (custom opt-in) keyword of a service: how many numbers opted in with it in the period, and how many of
/// them are opted out again now, by a STOP keyword sent after that opt-in (docs/decisions/dashboard-net-change.md).
/// </summary>
public sealed record ConversionRow(string ServiceSid, string ServiceName, string Keyword, long Subscribers, long OptedOutLater)
{
    public double OptOutRate => Subscribers == 0 ? 0 : (double)OptedOutLater / Subscribers;
}
