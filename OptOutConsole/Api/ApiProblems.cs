using OptOutConsole.Core.Validation;

namespace OptOutConsole.Api;

/// <summary>RFC 7807 problem details for the JSON API, with the validation problems under <c>problems</c>.</summary>
internal static class ApiProblems
{
    public static IResult Validation(string detail, IEnumerable<Problem> problems) => Results.Problem(
        title: "The configuration is not valid",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["problems"] = problems.Select(ToJson).ToList() });

    public static IResult BadRequest(string detail, string code = "request.invalid", string path = "") => Results.Problem(
        title: "Bad request",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["problems"] = new[] { ToJson(Problem.Error(code, path, detail)) } });

    public static IResult NotFound(string detail) => Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail, int currentVersion) => Results.Problem(
        title: "Stale version",
        detail: detail,
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });

    public static object ToJson(Problem p) => new { code = p.Code, severity = p.Severity == Severity.Error ? "error" : "warning", path = p.Path, message = p.Message };

    /// <summary>True when the database refused the work (directly or under EF Core's wrapping): the transaction rolled back.</summary>
    public static bool IsDatabaseRefusal(Exception? ex) => Core.Persistence.AppDatabase.IsRefusal(ex);
}
