namespace OptOutConsole.Core.Simulation;

/// <summary>What a simulated message did to the simulated block list (DESIGN 3.4); the real block list never changes.</summary>
public enum SimulatedEffect
{
    /// <summary>HELP or no match: no state change.</summary>
    None,

    /// <summary>STOP from a number that was not blocked.</summary>
    Added,

    /// <summary>STOP from a number already blocked (kept once).</summary>
    AlreadyBlocked,

    /// <summary>START from a blocked number.</summary>
    Removed,

    /// <summary>START from a number that was not blocked.</summary>
    NotBlocked,
}
