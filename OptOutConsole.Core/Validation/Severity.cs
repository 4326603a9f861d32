using System.Text.Json.Serialization;

namespace OptOutConsole.Core.Validation;

/// <summary>Errors block a save; warnings are saved with the version and shown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("error")]
    Error,

    [JsonStringEnumMemberName("warning")]
    Warning,
}
