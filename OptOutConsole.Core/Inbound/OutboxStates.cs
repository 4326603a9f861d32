namespace OptOutConsole.Core.Inbound;

public static class OutboxStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failing = "failing";
}
