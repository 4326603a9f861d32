using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OptOutConsole.Core.Audit;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Phones;
using OptOutConsole.Core.Reference;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Validation;
using OptOutConsole.Core.Text;

namespace OptOutConsole.Core.Simulation;

/// <summary>A service's saved test cases: list, add, delete; every change is audited.</summary>
public sealed partial class TestCaseCatalog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int NameMaxLength = 100;
    public const int BodyMaxLength = 1600;

    /// <summary>The most test cases one service keeps (they all run on every save).</summary>
    public const int MaxPerService = 200;

    /// <summary>The service's test cases, oldest first.</summary>
    public async Task<IReadOnlyList<ServiceTestCase>> ListAsync(string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ListAsync(db, sid, ct);
    }

    internal static async Task<List<ServiceTestCase>> ListAsync(AppDbContext db, string sid, CancellationToken ct) =>
        await db.TestCases.AsNoTracking().Where(t => t.ServiceSid == sid).OrderBy(t => t.Id).ToListAsync(ct);

    /// <summary>Saves a test case; refused (null, with <c>testcase.invalid</c> errors) when the draft is not valid.</summary>
    public async Task<(ServiceTestCase? Created, IReadOnlyList<Problem> Problems)> AddAsync(string sid, TestCaseDraft draft, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Services.AnyAsync(s => s.Sid == sid, ct))
        {
            return (null, [Problem.Error(ProblemCodes.TestCaseInvalid, "service", $"There is no messaging service {sid}.")]);
        }

        var existing = await ListAsync(db, sid, ct);
        var (testCase, problems) = Validate(sid, draft, existing);
        if (testCase is null)
        {
            return (null, problems);
        }

        testCase.CreatedAt = clock.GetUtcNow();
        db.TestCases.Add(testCase);
        AuditLog.Add(
            db,
            clock,
            actor,
            AuditAreas.TestCase,
            "created",
            sid,
            $"Test case “{testCase.Name}”: “{testCase.Body}” from {testCase.From} expects {TestCaseRunner.Describe(testCase.ExpectedType, testCase.ExpectedAnsweredBy, anySet: true)}.");
        await db.SaveChangesAsync(ct);
        return (testCase, []);
    }

    /// <summary>Deletes a test case; false when the service has no such case.</summary>
    public async Task<bool> DeleteAsync(string sid, long id, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var testCase = await db.TestCases.FirstOrDefaultAsync(t => t.Id == id && t.ServiceSid == sid, ct);
        if (testCase is null)
        {
            return false;
        }

        db.TestCases.Remove(testCase);
        AuditLog.Add(db, clock, actor, AuditAreas.TestCase, "deleted", sid, $"Test case “{testCase.Name}” deleted.");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The entity to save, or null with the reasons it cannot be.</summary>
    public static (ServiceTestCase? TestCase, IReadOnlyList<Problem> Problems) Validate(string sid, TestCaseDraft draft, IReadOnlyCollection<ServiceTestCase> existing)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new List<Problem>();
        var name = (draft.Name ?? string.Empty).Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
        {
            problems.Add(Invalid("name", $"A test case needs a name of 1-{NameMaxLength} characters."));
        }
        else if (name.Any(char.IsControl))
        {
            problems.Add(Invalid("name", "A test case name is one line of text: remove the control character (a line break, a tab, U+0000) from it."));
        }
        else if (Utf8Text.HasLoneSurrogate(name))
        {
            problems.Add(Invalid("name", "The name holds half of a character (an emoji cut in two), which would be stored as �: complete or remove it."));
        }
        else if (existing.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(Invalid("name", $"This service already has a test case named “{name}”."));
        }
        else if (existing.Count >= MaxPerService)
        {
            problems.Add(Invalid("name", $"A service keeps at most {MaxPerService} test cases; delete one first."));
        }

        var from = E164.Normalize(draft.From?.Trim());
        if (from is null)
        {
            problems.Add(Invalid("from", $"'{draft.From}' is not a valid phone number; use E.164, e.g. +525512345678."));
        }

        var body = draft.Body ?? string.Empty;
        if (body.Length == 0 || body.Length > BodyMaxLength)
        {
            problems.Add(Invalid("body", $"A test case's text has 1-{BodyMaxLength} characters."));
        }
        else if (Utf8Text.HasLoneSurrogate(body))
        {
            problems.Add(Invalid("body", "The text holds half of a character (an emoji cut in two), which would be stored as �: complete or remove it."));
        }

        string? type = null;
        if (!string.IsNullOrWhiteSpace(draft.ExpectedType))
        {
            type = KeywordCategories.FromOptOutType(draft.ExpectedType)?.ToOptOutType();
            if (type is null)
            {
                problems.Add(Invalid("expectedType", $"The expected type is STOP, START, HELP, or empty for “no match”; '{draft.ExpectedType}' is none of them."));
            }
        }

        var answeredBy = NormalizeSetName(draft.ExpectedAnsweredBy);
        if (answeredBy is { Length: 0 })
        {
            problems.Add(Invalid("expectedAnsweredBy", $"The expected set is global, language xx or country YY; '{draft.ExpectedAnsweredBy}' is none of them."));
        }
        else if (UnknownCode(answeredBy) is { } unknown)
        {
            problems.Add(Invalid("expectedAnsweredBy", unknown));
        }
        else if (answeredBy is not null && string.IsNullOrWhiteSpace(draft.ExpectedType))
        {
            problems.Add(Invalid("expectedAnsweredBy", "A text that should match nothing gets no reply, so no set can be expected to answer it."));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new ServiceTestCase { ServiceSid = sid, Name = name, From = from!, Body = body, ExpectedType = type, ExpectedAnsweredBy = answeredBy }, problems);
    }

    /// <summary>"global", "language es", "country MX" in their canonical case; null for blank; empty for anything else.</summary>
    public static string? NormalizeSetName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var m = SetNameRegex().Match(name.Trim());
        if (!m.Success)
        {
            return string.Empty;
        }

        return m.Groups["kind"].Value.ToLowerInvariant() switch
        {
            "global" => "global",
            "language" => $"language {m.Groups["code"].Value.ToLowerInvariant()}",
            _ => $"country {m.Groups["code"].Value.ToUpperInvariant()}",
        };
    }

    /// <summary>Why a well-formed set name names no set that can exist (<c>language zz</c>, <c>country QQ</c>), or null.</summary>
    private static string? UnknownCode(string? setName) => setName?.Split(' ') switch
    {
        ["language", var code] when !Languages.IsKnown(code) => $"'{code}' in “{setName}” is not an ISO 639-1 language code such as es or fr.",
        ["country", var code] when !Countries.IsKnown(code) => $"'{code}' in “{setName}” is not an ISO 3166-1 alpha-2 country code such as MX or CA.",
        _ => null,
    };

    private static Problem Invalid(string field, string message) => Problem.Error(ProblemCodes.TestCaseInvalid, field, message);

    [GeneratedRegex(@"^(?<kind>global)$|^(?<kind>language|country)\s+(?<code>[A-Za-z]{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SetNameRegex();
}
