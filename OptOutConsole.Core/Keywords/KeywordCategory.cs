namespace OptOutConsole.Core.Keywords;

/// <summary>The three categories every keyword set has. The wire names are Twilio's <c>OptOutType</c> values.</summary>
public enum KeywordCategory
{
    /// <summary>Opt-out: <c>STOP</c>.</summary>
    OptOut,

    /// <summary>Opt-in: <c>START</c>.</summary>
    OptIn,

    /// <summary>Help: <c>HELP</c>.</summary>
    Help,
}
