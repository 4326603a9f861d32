namespace OptOutConsole.Api;

/// <summary>
/// What one endpoint's JSON body is, for its error messages: the problem code its body errors carry
/// (<c>document.json</c>, <c>request.json</c>), what the body is ("A simulate request"), an example to send, and
/// its size cap.
/// </summary>
internal sealed record JsonBodyRules(string Code, string What, string Example, int MaxBytes);
