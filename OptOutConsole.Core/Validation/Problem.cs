namespace OptOutConsole.Core.Validation;

/// <summary>
/// One validation problem: a stable code (DESIGN 2), a severity, the path of the field it names
/// (<c>global.optOut.keywords[3]</c>, <c>countries[MX].help.reply</c>) and a plain-language message.
/// </summary>
public sealed record Problem(string Code, Severity Severity, string Path, string Message)
{
    public bool IsError => Severity == Severity.Error;

    public static Problem Error(string code, string path, string message) => new(code, Severity.Error, path, message);

    public static Problem Warning(string code, string path, string message) => new(code, Severity.Warning, path, message);
}
