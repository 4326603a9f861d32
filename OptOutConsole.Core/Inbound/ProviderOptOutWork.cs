namespace OptOutConsole.Core.Inbound;

/// <summary>A provider's "recipient opted out" report (Twilio error 21610): the number goes on the block list with source provider.</summary>
public sealed class ProviderOptOutWork
{
    public required string ServiceSid { get; init; }

    public required string Number { get; init; }

    public string? MessageSid { get; init; }

    internal TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
