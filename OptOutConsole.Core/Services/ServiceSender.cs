namespace OptOutConsole.Core.Services;

/// <summary>A sender (E.164 number or short code) of a service; unique across services, used to find the service of an inbound text.</summary>
public sealed class ServiceSender
{
    public required string Number { get; set; }

    public required string ServiceSid { get; set; }
}
