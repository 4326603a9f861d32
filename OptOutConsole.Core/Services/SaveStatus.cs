namespace OptOutConsole.Core.Services;

public enum SaveStatus
{
    Saved,
    Invalid,
    Conflict,
    NotFound,
}
