using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OptOutConsole.Api;

/// <summary>
/// Reads the JSON body of an API request. Every way a body can be wrong gets a 400 problem that says what is wrong
/// and where, in the same path syntax as the validation problems (<c>global.optOut.keywords[0]</c>): not UTF-8,
/// not JSON (with line and column), not an object, a field given twice (JSON leaves the winner undefined, so
/// neither is taken), a string with a broken escape, a value of the wrong type. Too large gets a 413.
/// </summary>
internal static partial class JsonBodies
{
    /// <summary>Reads the body and checks that it is one well-formed JSON object; returns its text or the error to send.</summary>
    public static async Task<(string? Json, IResult? Error)> ReadObjectAsync(HttpRequest request, JsonBodyRules rules, CancellationToken ct)
    {
        var body = await RequestBodies.ReadAsync(request, rules.MaxBytes, ct);
        if (body.TooLarge)
        {
            return (null, Results.Problem(title: "Too large", detail: $"{rules.What} is at most {rules.MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        if (body.Error is not null)
        {
            return (null, ApiProblems.BadRequest(body.Error, rules.Code));
        }

        var text = body.Text!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, ApiProblems.BadRequest($"The request has no body; send a JSON object such as {rules.Example}.", rules.Code));
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblems.BadRequest($"The body must be a JSON object such as {rules.Example}, not {Kind(document.RootElement.ValueKind)}.", rules.Code));
            }

            if (FindFlaw(document.RootElement, string.Empty) is { } flaw)
            {
                return (null, ApiProblems.BadRequest(flaw.Message, rules.Code, flaw.Path));
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {ex.BytePositionInLine + 1})" : string.Empty;
            var what = ex.Message.StartsWith("Expected depth to be zero", StringComparison.Ordinal)
                ? "it ends before every object and array in it is closed."
                : FirstSentence(ex.Message);
            return (null, ApiProblems.BadRequest($"The body is not valid JSON{where}: {what}{SentAs(request)}", rules.Code));
        }

        return (text, null);
    }

    /// <summary>Reads the body as a <typeparamref name="T"/>; returns it or the error to send.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonBodyRules rules, CancellationToken ct)
        where T : class
    {
        var (json, error) = await ReadObjectAsync(request, rules, ct);
        if (error is not null)
        {
            return (null, error);
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(json!, JsonSerializerOptions.Web), null);
        }
        catch (JsonException ex)
        {
            return (null, WrongType(ex, typeof(T), rules));
        }
    }

    /// <summary>The 400 for a value of the wrong type that <paramref name="ex"/> reports while reading a <paramref name="root"/>.</summary>
    public static IResult WrongType(JsonException ex, Type root, JsonBodyRules rules)
    {
        var path = ApiPath(ex.Path);
        var expected = path is null ? null : Expected(root, path);
        var message = path switch
        {
            null or "" => $"The body does not have the shape of {rules.What.ToLowerInvariant()}; send a JSON object such as {rules.Example}.",
            _ when expected is null => $"'{path}' has a value of the wrong type.",
            _ => $"'{path}' must be {expected}.",
        };
        return ApiProblems.BadRequest(message, rules.Code, path ?? string.Empty);
    }

    /// <summary>A field given twice in one object, or a string with a lone UTF-16 surrogate escape, with its path.</summary>
    private static (string Path, string Message)? FindFlaw(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return (path, $"A field name in {Where(path)} has a broken \\u escape (a lone UTF-16 surrogate).");
                    }

                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!seen.Add(name))
                    {
                        return (child, $"'{child}' is given twice; send each field once.");
                    }

                    if (FindFlaw(property.Value, child) is { } flaw)
                    {
                        return flaw;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindFlaw(item, $"{path}[{index++}]") is { } flaw)
                    {
                        return flaw;
                    }
                }

                return null;
            case JsonValueKind.String:
                try
                {
                    element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return (path, $"'{path}' has a broken \\u escape (a lone UTF-16 surrogate such as \\ud800); send valid text.");
                }

            default:
                return null;
        }
    }

    /// <summary>A hint when the request says its body is something else (a form, XML): the likely cause of the failure.</summary>
    private static string SentAs(HttpRequest request) =>
        request.ContentType is { Length: > 0 } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? $" The request says its body is {type.Split(';')[0].Trim()}; send JSON as application/json."
            : string.Empty;

    private static string Where(string path) => path.Length == 0 ? "the body" : $"'{path}'";

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    /// <summary>System.Text.Json's path (<c>$.global.optOut.keywords[0]</c>, <c>$['odd name']</c>) in the API's syntax; null when unreadable.</summary>
    internal static string? ApiPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return string.Empty;
        }

        if (!jsonPath.StartsWith('$'))
        {
            return null;
        }

        var path = BracketName().Replace(jsonPath[1..], m => "." + m.Groups[1].Value);
        return path.StartsWith('.') ? path[1..] : path;
    }

    /// <summary>What the value at <paramref name="path"/> of a <paramref name="root"/> must be, in words; null when the path is not one of its fields.</summary>
    internal static string? Expected(Type root, string path)
    {
        var type = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (step.Groups["index"].Success)
            {
                type = ElementType(type);
            }
            else
            {
                var name = step.Groups["name"].Value;
                type = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(p => p.GetIndexParameters().Length == 0 && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return Describe(type);
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return "a number";
        }

        if (ElementType(type) is { } element)
        {
            return element == typeof(string) ? "a list of strings" : $"a list of {Plural(Describe(element))}";
        }

        return "an object";
    }

    private static string Plural(string thing) => thing switch
    {
        "a string" => "strings",
        "a number" => "numbers",
        "true or false" => "true or false values",
        _ => "objects",
    };

    private static Type? ElementType(Type? type)
    {
        if (type is null || type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..(i + 1)];
    }

    [GeneratedRegex(@"\['((?:[^'\\]|\\.)*)'\]")]
    private static partial Regex BracketName();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
