using System.Security.Claims;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Simulation;

namespace OptOutConsole.Api;

/// <summary>
/// A service's saved test cases (issue 4): <c>GET</c> lists them with their result against the current config,
/// <c>POST</c> adds one, <c>DELETE .../{id}</c> removes one. Every change is audited.
/// </summary>
internal static class TestCasesApi
{
    private static readonly JsonBodyRules Rules = new(
        "request.json",
        "A test case",
        "{\"name\": \"...\", \"from\": \"+14165550123\", \"body\": \"Arrêt\", \"expectedType\": \"STOP\", \"expectedAnsweredBy\": \"language fr\"}",
        64 * 1024);

    public static void MapTestCasesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{sid}/test-cases", ListAsync);
        api.MapPost("/services/{sid}/test-cases", AddAsync);
        api.MapDelete("/services/{sid}/test-cases/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(string sid, ServiceDirectory directory, TestCaseCatalog testCases, CancellationToken ct)
    {
        var service = await directory.GetAsync(sid, ct);
        if (service is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var results = TestCaseRunner.Run(service.Classifier, await testCases.ListAsync(sid, ct));
        return Results.Ok(results.Select(r => new
        {
            id = r.Case.Id,
            name = r.Case.Name,
            from = r.Case.From,
            body = r.Case.Body,
            expectedType = r.Case.ExpectedType,
            expectedAnsweredBy = r.Case.ExpectedAnsweredBy,
            createdAt = r.Case.CreatedAt,
            passed = r.Passed,
            actualType = r.Actual.OptOutType,
            actualAnsweredBy = r.Actual.IsMatch ? r.Actual.AnsweredBy : null,
        }));
    }

    private static async Task<IResult> AddAsync(string sid, HttpRequest request, TestCaseCatalog testCases, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, error) = await JsonBodies.ReadAsync<TestCaseRequest>(request, Rules, ct);
        if (error is not null)
        {
            return error;
        }

        var draft = new TestCaseDraft(body!.Name ?? string.Empty, body.From ?? string.Empty, body.Body ?? string.Empty, body.ExpectedType, body.ExpectedAnsweredBy);
        var (created, problems) = await testCases.AddAsync(sid, draft, user.Identity?.Name ?? "api", ct);
        if (created is null)
        {
            return problems.Any(p => p.Path == "service")
                ? ApiProblems.NotFound($"There is no messaging service {sid}.")
                : ApiProblems.Validation("The test case is not valid; nothing was saved.", problems);
        }

        return Results.Created($"/api/services/{sid}/test-cases/{created.Id}", new
        {
            id = created.Id,
            name = created.Name,
            from = created.From,
            body = created.Body,
            expectedType = created.ExpectedType,
            expectedAnsweredBy = created.ExpectedAnsweredBy,
            createdAt = created.CreatedAt,
        });
    }

    private static async Task<IResult> DeleteAsync(string sid, string id, TestCaseCatalog testCases, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return ApiProblems.NotFound($"Service {sid} has no test case '{id}': test case ids are whole numbers (the 'id' of GET .../test-cases).");
        }

        return await testCases.DeleteAsync(sid, number, user.Identity?.Name ?? "api", ct)
            ? Results.NoContent()
            : ApiProblems.NotFound($"Service {sid} has no test case {number}.");
    }

    private sealed record TestCaseRequest(string? Name, string? From, string? Body, string? ExpectedType, string? ExpectedAnsweredBy);
}
