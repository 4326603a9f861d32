using OptOutConsole.Core.Validation;

namespace OptOutConsole.Core.Services;

/// <summary>What became of a save: saved (with its warnings), refused (with its errors), stale, or no such service.</summary>
public sealed record SaveOutcome(SaveStatus Status, int Version, IReadOnlyList<Problem> Problems, string? Message = null)
{
    public IEnumerable<Problem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<Problem> Warnings => Problems.Where(p => !p.IsError);

    public static SaveOutcome NotFound(string sid) => new(SaveStatus.NotFound, 0, [], $"There is no messaging service {sid}.");

    public static SaveOutcome Stale(int current, int expected) => new(
        SaveStatus.Conflict,
        current,
        [],
        $"This configuration was changed by someone else since you loaded it (you edited version {expected}, the current version is {current}). Reload to see their change, then apply yours again.");
}
