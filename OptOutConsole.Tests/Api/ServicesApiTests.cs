using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>Config as code (DESIGN 5.2) over HTTP, on SQLite and on PostgreSQL.</summary>
public abstract class ServicesApiTests
{
    private readonly HttpClient client;

    protected ServicesApiTests(ConsoleAppFactory app) => client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_FriendlyName_201WithSidAndDefaults()
    {
        var response = await client.PostAsJsonAsync("/api/services", new { friendlyName = "Pizza Points" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var sid = body["sid"]!.GetValue<string>();
        Assert.Matches("^MG[0-9a-f]{32}$", sid);
        Assert.Equal("Pizza Points", body["friendlyName"]!.GetValue<string>());
        var list = JsonNode.Parse(await client.GetStringAsync("/api/services", Ct))!.AsArray();
        Assert.Contains(list, s => s!["sid"]!.GetValue<string>() == sid);
        var config = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("STOP", config["global"]!["optOut"]!["keywords"]![0]!.GetValue<string>());
        Assert.Equal("START", config["global"]!["optIn"]!["keywords"]![0]!.GetValue<string>());
        Assert.Equal("HELP", config["global"]!["help"]!["keywords"]![0]!.GetValue<string>());
        Assert.True(config["advancedOptOutEnabled"]!.GetValue<bool>());
        Assert.True(config["replyToHelpWhenOptedOut"]!.GetValue<bool>());
        Assert.Equal("en", config["defaultLanguage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_FriendlyNameAndMoreFields_GivenFieldsOverTheDefaults()
    {
        var response = await client.PostAsync(
            "/api/services",
            new StringContent("{\"friendlyName\": \" Taco Club \", \"senders\": [\"+14155550177\"], \"webhookUrl\": \"https://example.com/sms\", \"replyToHelpWhenOptedOut\": false}", Encoding.UTF8, "application/json"),
            Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sid = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
        var config = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("Taco Club", config["friendlyName"]!.GetValue<string>());
        Assert.Equal("+14155550177", config["senders"]![0]!.GetValue<string>());
        Assert.Equal("https://example.com/sms", config["webhookUrl"]!.GetValue<string>());
        Assert.False(config["replyToHelpWhenOptedOut"]!.GetValue<bool>());
        Assert.Equal("STOP", config["global"]!["optOut"]!["keywords"]![0]!.GetValue<string>());
        Assert.Contains("Taco Club", config["global"]!["help"]!["reply"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NameInOtherCase_NameTrimmedAndInTheDefaultReplies()
    {
        var response = await client.PostAsync("/api/services", new StringContent("{\"FriendlyName\": \"  Bagel Bar \"}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sid = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
        var config = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("Bagel Bar", config["friendlyName"]!.GetValue<string>());
        Assert.StartsWith("Bagel Bar", config["global"]!["optOut"]!["reply"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_NameOnly_400AndNothingReset()
    {
        var sid = await CreateAsync("Not Reset");

        var response = await PutAsync(sid, "{\"friendlyName\": \"Not Reset\"}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var config = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("STOP", config["global"]!["optOut"]!["keywords"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{}", "name.required")]
    [InlineData("{\"friendlyName\": \"\"}", "name.required")]
    [InlineData("{\"friendlyName\": \"0123456789012345678901234567890123456789012345678901234567890123456789\"}", "name.too-long")]
    [InlineData("not json", "document.json")]
    [InlineData("[1,2]", "document.json")]
    public async Task Post_BadBody_400WithProblemCode(string body, string code)
    {
        var response = await client.PostAsync("/api/services", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Contains(problem["problems"]!.AsArray(), p => p!["code"]!.GetValue<string>() == code);
    }

    [Fact]
    public async Task GetPutGet_SameDocument_RoundTripsAndBumpsETag()
    {
        var sid = await CreateAsync("Round Trip");
        var first = await client.GetAsync($"/api/services/{sid}/config", Ct);
        var etag = first.Headers.ETag!.Tag;
        var document = await first.Content.ReadAsStringAsync(Ct);

        var put = await PutAsync(sid, document, etag);
        var second = await client.GetAsync($"/api/services/{sid}/config", Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(document), JsonNode.Parse(await second.Content.ReadAsStringAsync(Ct))));
        Assert.Equal("\"1\"", etag);
        Assert.Equal("\"2\"", second.Headers.ETag!.Tag);
        var putBody = JsonNode.Parse(await put.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(2, putBody["version"]!.GetValue<int>());
        Assert.Empty(putBody["warnings"]!.AsArray());
    }

    [Fact]
    public async Task Put_StaleIfMatch_409AndNothingChanged()
    {
        var sid = await CreateAsync("Stale Test");
        var document = await client.GetStringAsync($"/api/services/{sid}/config", Ct);
        await PutAsync(sid, document, "\"1\"");
        var changed = JsonNode.Parse(document)!;
        changed["description"] = "second writer";

        var response = await PutAsync(sid, changed.ToJsonString(), "\"1\"");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var current = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.NotEqual("second writer", current["description"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("garbage")]
    [InlineData("\"-1\"")]
    [InlineData("\"\"")]
    public async Task Put_IfMatchThatIsNoVersion_409WithTheCurrentVersionAndNothingChanged(string ifMatch)
    {
        var sid = await CreateAsync($"Odd If-Match {ifMatch.Length}");
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["description"] = "changed";
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/services/{sid}/config") { Content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal(1, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["currentVersion"]!.GetValue<int>());
        var current = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.NotEqual("changed", current["description"]?.GetValue<string>());
    }

    [Fact]
    public async Task Put_IfMatchListHoldingTheCurrentVersion_Saved()
    {
        var sid = await CreateAsync("If-Match List");
        var document = await client.GetStringAsync($"/api/services/{sid}/config", Ct);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/services/{sid}/config") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"7\", W/\"1\"");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Put_NameWithSpacesAround_SavedTrimmedAsPostDoes()
    {
        var sid = await CreateAsync("Spaces Around");
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["friendlyName"] = "  Spaces Around  ";

        var put = await PutAsync(sid, document.ToJsonString(), null);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var config = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("Spaces Around", config["friendlyName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_NameWithControlCharacter_400NameChars()
    {
        var response = await client.PostAsync("/api/services", new StringContent("{\"friendlyName\": \"a\\u0000b\"}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal(("name.chars", "friendlyName"), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_WithoutIfMatch_ReplacesCurrent()
    {
        var sid = await CreateAsync("No If-Match");
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["description"] = "replaced";

        var response = await PutAsync(sid, document.ToJsonString(), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        Assert.Equal("replaced", current["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_ConflictingKeyword_400WithPathAndNothingSaved()
    {
        var sid = await CreateAsync("Conflict Test");
        var original = await client.GetStringAsync($"/api/services/{sid}/config", Ct);
        var document = JsonNode.Parse(original)!;
        document["global"]!["optIn"]!["keywords"]!.AsArray().Add("STOPALL");

        var response = await PutAsync(sid, document.ToJsonString(), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]!.AsArray();
        var conflict = Assert.Single(problems, p => p!["code"]!.GetValue<string>() == "keyword.conflict");
        Assert.Equal("error", conflict!["severity"]!.GetValue<string>());
        Assert.StartsWith("global.opt", conflict["path"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(conflict["message"]!.GetValue<string>()));
        var after = await client.GetAsync($"/api/services/{sid}/config", Ct);
        Assert.Equal("\"1\"", after.Headers.ETag!.Tag);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(await after.Content.ReadAsStringAsync(Ct))));
    }

    [Fact]
    public async Task Put_WarningOnly_200WithWarnings()
    {
        var sid = await CreateAsync("Warning Test");
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["global"]!["optOut"]!["keywords"]!.AsArray().Remove(document["global"]!["optOut"]!["keywords"]!.AsArray().Single(k => k!.GetValue<string>() == "QUIT"));

        var response = await PutAsync(sid, document.ToJsonString(), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["warnings"]!.AsArray();
        var fcc = Assert.Single(warnings, w => w!["code"]!.GetValue<string>() == "lint.fcc-word");
        Assert.Equal("warning", fcc!["severity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_ErrorAndWarning_400ListsBothWithSeverities()
    {
        var sid = await CreateAsync("Error And Warning");
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document["global"]!["optOut"]!["keywords"]!.AsArray().Remove(document["global"]!["optOut"]!["keywords"]!.AsArray().Single(k => k!.GetValue<string>() == "QUIT"));
        document["global"]!["help"]!["reply"] = " ";

        var response = await PutAsync(sid, document.ToJsonString(), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]!.AsArray();
        Assert.Equal("error", Assert.Single(problems, p => p!["code"]!.GetValue<string>() == "reply.required")!["severity"]!.GetValue<string>());
        Assert.Equal("warning", Assert.Single(problems, p => p!["code"]!.GetValue<string>() == "lint.fcc-word")!["severity"]!.GetValue<string>());
        Assert.Equal("error", problems[0]!["severity"]!.GetValue<string>());
        Assert.Equal("\"1\"", (await client.GetAsync($"/api/services/{sid}/config", Ct)).Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Put_EmojiOnlyKeyword_400WithEmptyAndChars()
    {
        var sid = await CreateAsync("Emoji Keyword");
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        var keywords = document["global"]!["optIn"]!["keywords"]!.AsArray();
        keywords.Add("🛑");
        var path = $"global.optIn.keywords[{keywords.Count - 1}]";

        var response = await PutAsync(sid, document.ToJsonString(), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var atPath = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]!.AsArray().Where(p => p!["path"]!.GetValue<string>() == path).Select(p => p!["code"]!.GetValue<string>());
        Assert.Equal(["keyword.empty", "keyword.chars"], atPath);
    }

    [Theory]
    [InlineData("languages")]
    [InlineData("countries")]
    public async Task Put_NullOverride_400NamesItAndNothingSaved(string list)
    {
        var sid = await CreateAsync("Null Override");
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/config", Ct))!;
        document[list] = JsonNode.Parse("[null]");

        var response = await PutAsync(sid, document.ToJsonString(), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"{list}[0]", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("\"1\"", (await client.GetAsync($"/api/services/{sid}/config", Ct)).Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Get_LocationOfThePost_200WithTheService()
    {
        var created = await client.PostAsJsonAsync("/api/services", new { friendlyName = "Located" }, Ct);
        var sid = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();

        var response = await client.GetAsync(created.Headers.Location, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(sid, body["sid"]!.GetValue<string>());
        Assert.Equal("Located", body["friendlyName"]!.GetValue<string>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Equal("STOP", body["config"]!["global"]!["optOut"]!["keywords"]![0]!.GetValue<string>());
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/services/MG00000000000000000000000000000000", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/api/services", HttpStatusCode.MethodNotAllowed)]
    public async Task Api_NoSuchEndpoint_ProblemDetailsNotAPage(string method, string path, HttpStatusCode status)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.Contains(path, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WrongShape_400NamesThePath()
    {
        var sid = await CreateAsync("Shape Test");

        var response = await PutAsync(sid, "{\"friendlyName\": \"x\", \"global\": {\"optOut\": {\"keywords\": \"STOP\"}}}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("global.optOut.keywords", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Config_UnknownService_404(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/services/MG00000000000000000000000000000000/config");
        if (method == "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> CreateAsync(string name)
    {
        var response = await client.PostAsJsonAsync("/api/services", new { friendlyName = name }, Ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
    }

    private Task<HttpResponseMessage> PutAsync(string sid, string document, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/services/{sid}/config")
        {
            Content = new StringContent(document, Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return client.SendAsync(request, Ct);
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : ServicesApiTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : ServicesApiTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
