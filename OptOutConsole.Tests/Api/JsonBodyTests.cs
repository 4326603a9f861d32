using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OptOutConsole.Api;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>
/// Odd JSON bodies on every JSON endpoint: each gets a 400 problem that names the field (in the validation problems'
/// path syntax) and says what is wrong, never a 500, and nothing is stored.
/// </summary>
public sealed class JsonBodyTests(ConsoleAppFactory app) : IClassFixture<ConsoleAppFactory>
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{\"friendlyName\": \"a\", \"friendlyName\": \"b\"}", "friendlyName", "given twice")]
    [InlineData("{\"friendlyName\": \"a\", \"FriendlyName\": \"b\"}", "FriendlyName", "given twice")]
    [InlineData("{\"friendlyName\": \"a\\ud800b\"}", "friendlyName", "lone UTF-16 surrogate")]
    [InlineData("{\"friendlyName\": 42}", "friendlyName", "must be a string")]
    [InlineData("{\"friendlyName\": \"x\", \"senders\": \"+14155550123\"}", "senders", "must be a list of strings")]
    [InlineData("{\"friendlyName\": \"x\", \"global\": {\"help\": {\"keywords\": [1]}}}", "global.help.keywords[0]", "must be a string")]
    [InlineData("{\"friendlyName\": \"x\", \"languages\": [\"es\"]}", "languages[0]", "must be an object")]
    [InlineData("{\"friendlyName\": \"x\", \"advancedOptOutEnabled\": \"yes\"}", "advancedOptOutEnabled", "must be true or false")]
    [InlineData("{\"friendlyName\": \"x\", \"countries\": [{\"country\": \"MX\", \"optOut\": {\"keywords\": [\"BAJA\"], \"keywords\": []}}]}", "countries[0].optOut.keywords", "given twice")]
    public async Task PostService_BadShape_400NamesTheFieldAndNothingCreated(string body, string path, string message)
    {
        var before = await ServiceCountAsync();

        var response = await client.PostAsync("/api/services", Json(body), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "document.json");
        Assert.Equal(path, problem["problems"]![0]!["path"]!.GetValue<string>());
        Assert.Contains(message, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await ServiceCountAsync());
    }

    [Theory]
    [InlineData("{", "line 1, column 2")]
    [InlineData("{\"friendlyName\": }", "line 1, column 18")]
    [InlineData("{\"friendlyName\": \"x\",\n \"senders\": [\"+14155550123\"", "closed")]
    public async Task PostService_NotJson_400WithLineAndColumn(string body, string where)
    {
        var response = await client.PostAsync("/api/services", Json(body), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "document.json");
        Assert.Contains(where, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_FormInsteadOfJson_400SaysSendJson()
    {
        var sid = await CreateServiceAsync("Form Sender");

        var response = await client.PostAsync($"/api/services/{sid}/simulate", new FormUrlEncodedContent(new Dictionary<string, string> { ["from"] = "+14155550123", ["body"] = "STOP" }), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.json");
        Assert.Contains("application/x-www-form-urlencoded; send JSON as application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostService_NotUtf8_400AndNothingCreated()
    {
        var before = await ServiceCountAsync();
        var bytes = Encoding.Latin1.GetBytes("{\"friendlyName\": \"Café Rewards\"}");

        var response = await client.PostAsync("/api/services", Bytes(bytes), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "document.json");
        Assert.Contains("not UTF-8", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("byte 22", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await ServiceCountAsync());
    }

    [Fact]
    public async Task PostService_Utf8ByteOrderMark_Created()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"friendlyName\": \"Café BOM\"}")).ToArray();

        var response = await client.PostAsync("/api/services", Bytes(bytes), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Café BOM", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["friendlyName"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutConfig_DuplicateField_400AndVersionUnchanged()
    {
        var sid = await CreateServiceAsync("Dup Put");
        var document = await client.GetStringAsync($"/api/services/{sid}/config", Ct);
        var twice = document.TrimEnd().TrimEnd('}') + ", \"description\": \"one\", \"description\": \"two\"}";

        var response = await client.PutAsync($"/api/services/{sid}/config", Json(twice), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "document.json");
        Assert.Equal("description", problem["problems"]![0]!["path"]!.GetValue<string>());
        var service = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}", Ct))!;
        Assert.Equal(1, service["version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{\"number\": 14155550123, \"reason\": \"x\"}", "number", "must be a string")]
    [InlineData("{\"number\": \"+14155550123\", \"reason\": [\"x\"]}", "reason", "must be a string")]
    [InlineData("{\"number\": \"+14155550123\", \"number\": \"+14155550124\", \"reason\": \"x\"}", "number", "given twice")]
    [InlineData("[{\"number\": \"+14155550123\", \"reason\": \"x\"}]", "", "must be a JSON object")]
    public async Task AddToBlockList_BadShape_400NamesTheFieldAndNothingAdded(string body, string path, string message)
    {
        var sid = await CreateServiceAsync($"Block {Guid.NewGuid():N}");

        var response = await client.PostAsync($"/api/services/{sid}/block-list", Json(body), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "document.json");
        Assert.Equal(path, problem["problems"]![0]!["path"]!.GetValue<string>());
        Assert.Contains(message, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task AddToBlockList_LargerThanTheCap_413()
    {
        var sid = await CreateServiceAsync("Block Huge");
        var body = "{\"number\": \"+14155550123\", \"reason\": \"" + new string('x', RequestBodies.MaxJsonBytes) + "\"}";

        var response = await client.PostAsync($"/api/services/{sid}/block-list", Json(body), Ct);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, code: null);
    }

    [Theory]
    [InlineData("simulate", "{\"from\": \"+14155550123\", \"body\": \"STOP\", \"body\": \"START\"}", "body", "given twice")]
    [InlineData("simulate", "{\"from\": 14155550123, \"body\": \"STOP\"}", "from", "must be a string")]
    [InlineData("simulate", "{\"from\": \"+14155550123\", \"body\": \"\\udc00\"}", "body", "lone UTF-16 surrogate")]
    [InlineData("test-cases", "{\"name\": \"a\", \"name\": \"b\", \"from\": \"+14155550123\", \"body\": \"STOP\"}", "name", "given twice")]
    [InlineData("test-cases", "{\"name\": \"a\", \"from\": \"+14155550123\", \"body\": \"STOP\", \"expectedType\": 1}", "expectedType", "must be a string")]
    public async Task SimulateAndTestCases_BadShape_400NamesTheField(string endpoint, string body, string path, string message)
    {
        var sid = await CreateServiceAsync($"Shape {Guid.NewGuid():N}");

        var response = await client.PostAsync($"/api/services/{sid}/{endpoint}", Json(body), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.json");
        Assert.Equal(path, problem["problems"]![0]!["path"]!.GetValue<string>());
        Assert.Contains(message, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("[]", await client.GetStringAsync($"/api/services/{sid}/test-cases", Ct));
    }

    [Fact]
    public async Task AddTestCase_NotUtf8_400AndNothingSaved()
    {
        var sid = await CreateServiceAsync("Test Case Bytes");
        var bytes = Encoding.Latin1.GetBytes("{\"name\": \"Arrêt\", \"from\": \"+14165550123\", \"body\": \"Arrêt\"}");

        var response = await client.PostAsync($"/api/services/{sid}/test-cases", Bytes(bytes), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.json");
        Assert.Contains("not UTF-8", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("[]", await client.GetStringAsync($"/api/services/{sid}/test-cases", Ct));
    }

    [Theory]
    [InlineData("$.friendlyName", "friendlyName")]
    [InlineData("$.global.optOut.keywords[3]", "global.optOut.keywords[3]")]
    [InlineData("$['odd name'].x", "odd name.x")]
    [InlineData("$", "")]
    public void ApiPath_SystemTextJsonPath_ValidationSyntax(string jsonPath, string expected) =>
        Assert.Equal(expected, JsonBodies.ApiPath(jsonPath));

    [Theory]
    [InlineData("senders", "a list of strings")]
    [InlineData("senders[0]", "a string")]
    [InlineData("countries", "a list of objects")]
    [InlineData("countries[2].help", "an object")]
    [InlineData("languages[0].optIn.keywords[1]", "a string")]
    [InlineData("replyToHelpWhenOptedOut", "true or false")]
    public void Expected_ConfigDocumentPath_InWords(string path, string expected) =>
        Assert.Equal(expected, JsonBodies.Expected(typeof(ServiceConfig), path));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        if (code is not null)
        {
            Assert.Equal(code, problem["problems"]![0]!["code"]!.GetValue<string>());
        }

        return problem;
    }

    private async Task<int> ServiceCountAsync() => JsonNode.Parse(await client.GetStringAsync("/api/services", Ct))!.AsArray().Count;

    private async Task<string> CreateServiceAsync(string name)
    {
        var response = await client.PostAsync("/api/services", Json($"{{\"friendlyName\": \"{name}\"}}"), Ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
    }
}
