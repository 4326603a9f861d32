using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;

namespace OptOutConsole.Api;

/// <summary>Config as code (DESIGN 5.2): list and create services, read and replace a service's config document.</summary>
internal static class ServicesApi
{
    private static readonly JsonBodyRules DocumentRules = new("document.json", "A config document", "{\"friendlyName\": \"Sushi Rewards\"}", RequestBodies.MaxJsonBytes);

    public static RouteGroupBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName);
        api.MapGet("/services", ListAsync);
        api.MapPost("/services", CreateAsync);
        api.MapGet("/services/{sid}", GetAsync);
        api.MapDelete("/services/{sid}", DeleteAsync);
        api.MapGet("/services/{sid}/config", GetConfigAsync);
        api.MapPut("/services/{sid}/config", PutConfigAsync);
        api.MapSimulateApi();
        api.MapTestCasesApi();
        api.MapRecipientsApi();
        api.MapBlockListApi();
        api.MapEventsApi();
        api.MapReviewApi();
        api.MapSubscribersApi();
        api.MapRetentionApi();
        return api;
    }

    private static async Task<IResult> ListAsync(ServiceCatalog catalog, string? search, CancellationToken ct)
    {
        var services = await catalog.ListAsync(search, ct);
        return Results.Ok(services.Select(s => new
        {
            sid = s.Sid,
            friendlyName = s.FriendlyName,
            description = s.Description,
            version = s.Version,
            updatedAt = s.UpdatedAt,
        }));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ServiceCatalog catalog, ClaimsPrincipal user, CancellationToken ct)
    {
        var (config, error) = await ReadDocumentAsync(request, overDefaults: true, ct);
        if (error is not null)
        {
            return error;
        }

        var (outcome, sid) = await catalog.CreateAsync(config!, Actor(user), ct);
        if (sid is null)
        {
            return ApiProblems.Validation(outcome.Message ?? "The service was not created.", ErrorsThenWarnings(outcome));
        }

        var created = await catalog.GetAsync(sid, ct);
        return Results.Created($"/api/services/{sid}", new
        {
            sid,
            friendlyName = created!.Value.Service.FriendlyName,
            description = created.Value.Service.Description,
            version = outcome.Version,
            warnings = outcome.Warnings.Select(ApiProblems.ToJson),
            config = JsonNode.Parse(created.Value.Service.ConfigJson),
        });
    }

    /// <summary>One service, as <c>POST</c> answered it (its 201's <c>Location</c>), with the current version's config.</summary>
    private static async Task<IResult> GetAsync(string sid, HttpResponse response, ServiceCatalog catalog, CancellationToken ct)
    {
        var found = await catalog.GetAsync(sid, ct);
        if (found is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var service = found.Value.Service;
        response.Headers.ETag = ETagOf(service.Version);
        return Results.Ok(new
        {
            sid = service.Sid,
            friendlyName = service.FriendlyName,
            description = service.Description,
            version = service.Version,
            updatedAt = service.UpdatedAt,
            config = JsonNode.Parse(service.ConfigJson),
        });
    }

    /// <summary>
    /// The path of a null entry in <c>languages</c> or <c>countries</c> (<c>languages[1]</c>), or null. Such an entry
    /// would otherwise be dropped without a word, and the saved document would differ from the one sent.
    /// </summary>
    private static string? NullOverride(string json)
    {
        foreach (var (key, value) in JsonNode.Parse(json)!.AsObject())
        {
            if ((string.Equals(key, "languages", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "countries", StringComparison.OrdinalIgnoreCase))
                && value is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is null)
                    {
                        return $"{key.ToLowerInvariant()}[{i}]";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A refused document's problems: what blocks it first, then the warnings it would also have had (each with its severity).</summary>
    private static IEnumerable<Problem> ErrorsThenWarnings(SaveOutcome outcome) => outcome.Errors.Concat(outcome.Warnings);

    private static async Task<IResult> DeleteAsync(string sid, ServiceCatalog catalog, ClaimsPrincipal user, CancellationToken ct) =>
        await catalog.DeleteAsync(sid, Actor(user), ct) ? Results.NoContent() : ApiProblems.NotFound($"There is no messaging service {sid}.");

    private static async Task<IResult> GetConfigAsync(string sid, HttpResponse response, ServiceCatalog catalog, CancellationToken ct)
    {
        var found = await catalog.GetAsync(sid, ct);
        if (found is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        response.Headers.ETag = ETagOf(found.Value.Service.Version);
        return Results.Text(found.Value.Service.ConfigJson, "application/json; charset=utf-8");
    }

    private static async Task<IResult> PutConfigAsync(string sid, HttpRequest request, HttpResponse response, ServiceCatalog catalog, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await catalog.GetAsync(sid, ct);
        if (found is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        int? expected = null;
        var ifMatch = request.Headers.IfMatch.ToString();
        if (!string.IsNullOrWhiteSpace(ifMatch) && ifMatch.Trim() != "*")
        {
            // A list of ETags matches when any of them is the current version (RFC 9110 13.1.1).
            var current = found.Value.Service.Version;
            var versions = ifMatch.Split(',').Select(ParseETag).OfType<int>().ToList();
            if (versions.Count == 0)
            {
                response.Headers.ETag = ETagOf(current);
                return ApiProblems.Conflict($"If-Match '{ifMatch}' is not a version this API gave out (ETags look like \"{current}\"); GET the config again for its ETag.", current);
            }

            expected = versions.Contains(current) ? current : versions[0];
        }

        var (config, error) = await ReadDocumentAsync(request, overDefaults: false, ct);
        if (error is not null)
        {
            return error;
        }

        var outcome = await catalog.SaveAsync(sid, config!, expected, Actor(user), "saved through the API", ct);
        switch (outcome.Status)
        {
            case SaveStatus.NotFound:
                return ApiProblems.NotFound(outcome.Message!);
            case SaveStatus.Conflict:
                response.Headers.ETag = ETagOf(outcome.Version);
                return ApiProblems.Conflict(outcome.Message!, outcome.Version);
            case SaveStatus.Invalid:
                return ApiProblems.Validation(outcome.Message!, ErrorsThenWarnings(outcome));
            default:
                response.Headers.ETag = ETagOf(outcome.Version);
                return Results.Ok(new { sid, version = outcome.Version, warnings = outcome.Warnings.Select(ApiProblems.ToJson) });
        }
    }

    /// <summary>
    /// Reads a config document. For a new service (<paramref name="overDefaults"/>) the body's top-level properties
    /// are laid over a new service's defaults, so <c>{"friendlyName": "X"}</c> is a service with the default keywords
    /// and replies and <c>{"friendlyName": "X", "senders": [...]}</c> one with its senders too; a PUT is read as the
    /// whole document it replaces (DESIGN 5.2).
    /// </summary>
    private static async Task<(ServiceConfig? Config, IResult? Error)> ReadDocumentAsync(HttpRequest request, bool overDefaults, CancellationToken ct)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(title: "Unsupported media type", detail: "Send the document as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        var (text, error) = await JsonBodies.ReadObjectAsync(request, DocumentRules, ct);
        if (error is not null)
        {
            return (null, error);
        }

        if (NullOverride(text!) is { } nullAt)
        {
            return (null, ApiProblems.BadRequest($"{nullAt} is null: give the override (its code and its three categories) or remove it from the list.", DocumentRules.Code, nullAt));
        }

        try
        {
            if (!overDefaults)
            {
                return (ServiceConfig.FromJson(text!), null);
            }

            var obj = JsonNode.Parse(text!)!.AsObject();
            var nameKey = obj.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "friendlyName", StringComparison.OrdinalIgnoreCase));
            var name = nameKey is not null && obj[nameKey] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : string.Empty;
            var document = JsonNode.Parse(DefaultReplies.NewConfig(name).ToJson())!.AsObject();
            foreach (var (key, value) in obj.ToList())
            {
                // Matched ignoring case, as the document itself is read; the client's value replaces the default's.
                var existing = document.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                if (existing is not null)
                {
                    document.Remove(existing);
                }

                obj.Remove(key);
                document[key] = value;
            }

            if (nameKey is not null && document[nameKey] is JsonValue n && n.TryGetValue<string>(out var given))
            {
                document[nameKey] = given.Trim();
            }

            return (ServiceConfig.FromJson(document.ToJsonString()), null);
        }
        catch (JsonException ex)
        {
            return (null, JsonBodies.WrongType(ex, typeof(ServiceConfig), DocumentRules));
        }
    }

    private static string ETagOf(int version) => new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();

    private static int? ParseETag(string header)
    {
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "api";
}
