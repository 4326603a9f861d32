using OptOutConsole.Core.Services;

namespace OptOutConsole.Core.Validation;

/// <summary>
/// The one rule set for a service's config document (DESIGN 2), used by the editor, the API and the import.
/// </summary>
public static class ConfigValidator
{
    /// <summary>
    /// Every problem of <paramref name="config"/>, errors and warnings, each with its path.
    /// </summary>
    /// <param name="config">The document (normalised: no nulls).</param>
    /// <param name="sendersOfOtherServices">Senders already used by other services (sender.taken).</param>
    public static IReadOnlyList<Problem> Validate(ServiceConfig config, IReadOnlySet<string>? sendersOfOtherServices = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [];
    }
}
