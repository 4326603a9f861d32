namespace OptOutConsole.Core.Services;

/// <summary>The part of the service editor a config path belongs to (where a problem is shown and fixed).</summary>
public enum EditorSection
{
    /// <summary>Name, description, default language, senders, webhook URL, switches.</summary>
    General,

    /// <summary>The global opt-out category.</summary>
    OptOut,

    /// <summary>The global opt-in category.</summary>
    OptIn,

    /// <summary>The global help category.</summary>
    Help,

    /// <summary>Language and country overrides.</summary>
    Overrides,
}
