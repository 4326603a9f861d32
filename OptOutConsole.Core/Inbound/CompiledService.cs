using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Inbound;

/// <summary>A service ready for inbound traffic: its classifier and what the webhook needs besides, built once per config version.</summary>
public sealed class CompiledService(string sid, int version, ServiceConfig config)
{
    public string Sid { get; } = sid;

    public int Version { get; } = version;

    public ServiceConfig Config { get; } = config;

    public KeywordClassifier Classifier { get; } = KeywordClassifier.Build(config);

    /// <summary>Where inbound messages are forwarded; null when none.</summary>
    public string? WebhookUrl { get; } = string.IsNullOrWhiteSpace(config.WebhookUrl) ? null : config.WebhookUrl.Trim();
}
