using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Api;

/// <summary>The block list over the JSON API (DESIGN 5.2) and the console's export link, on SQLite and on PostgreSQL.</summary>
public abstract class BlockListApiTests(ConsoleAppFactory app)
{
    private readonly HttpClient client = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostThenList_NationalNumberWithCountry_201AndListedAsE164()
    {
        var sid = await CreateServiceAsync();

        var post = await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "(415) 555-0123", reason = "Called support", country = "US" }, Ct);
        var again = await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550123", reason = "Twice" }, Ct);
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list?search=415-555-0123&country=US", Ct))!;

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal("manual", JsonNode.Parse(await post.Content.ReadAsStringAsync(Ct))!["source"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, list["total"]!.GetValue<int>());
        Assert.Equal("+14155550123", list["items"]![0]!["number"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"number\": \"+14155550123\"}", "reason.required")]
    [InlineData("{\"number\": \"+1415555012\", \"reason\": \"x\"}", "number.invalid")]
    [InlineData("{\"number\": \"4155550123\", \"reason\": \"x\"}", "number.invalid")]
    [InlineData("not json", "document.json")]
    public async Task Post_Invalid_400ProblemDetailsWithCode(string body, string code)
    {
        var sid = await CreateServiceAsync();

        var response = await client.PostAsync($"/api/services/{sid}/block-list", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(code, problem["problems"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddDeleteListImport_UnknownCountry_400NamesCountryAndNothingChanged()
    {
        var sid = await CreateServiceAsync();

        var add = await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "4155550123", reason = "x", country = "ZZ" }, Ct);
        var delete = await client.DeleteAsync($"/api/services/{sid}/block-list/4155550123?reason=x&country=ZZZ", Ct);
        var list = await client.GetAsync($"/api/services/{sid}/block-list?search=4155550123&country=ZZZ", Ct);
        var import = await client.PostAsync($"/api/services/{sid}/block-list/import?country=12", new StringContent("+14155550124\n4155550125\n", Encoding.UTF8, "text/csv"), Ct);

        foreach (var (response, code) in new[] { (add, "country.invalid"), (delete, "country.invalid"), (list, "block-list.filter"), (import, "country.invalid") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
            Assert.Equal((code, "country"), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
            Assert.Contains("not a country code", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var entries = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(0, entries["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task AddDelete_InternationalNumberWithAnyCountry_CountryPlaysNoPart()
    {
        var sid = await CreateServiceAsync();

        var add = await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550141", reason = "asked", country = "UK" }, Ct);
        var delete = await client.DeleteAsync($"/api/services/{sid}/block-list/%2B14155550141?reason=asked&country=UK", Ct);

        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task AddAndList_Kosovo_ANumberingRegionBesideIso()
    {
        var sid = await CreateServiceAsync();

        var add = await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "043201234", reason = "asked", country = "XK" }, Ct);
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list?country=XK&search=043201234", Ct))!;

        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal("+38343201234", list["items"]![0]!["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_CountryInLowerCase_ReadsNationalNumbers()
    {
        var sid = await CreateServiceAsync();

        var import = await client.PostAsync($"/api/services/{sid}/block-list/import?country=us", new StringContent("4155550126\n", Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(1, JsonNode.Parse(await import.Content.ReadAsStringAsync(Ct))!["added"]!.GetValue<int>());
    }

    [Fact]
    public async Task Delete_WithReason_204ThenNotFound()
    {
        var sid = await CreateServiceAsync();
        await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550123", reason = "test" }, Ct);

        var noReason = await client.DeleteAsync($"/api/services/{sid}/block-list/%2B14155550123", Ct);
        var removed = await client.DeleteAsync($"/api/services/{sid}/block-list/%2B14155550123?reason=asked%20to%20resubscribe", Ct);
        var again = await client.DeleteAsync($"/api/services/{sid}/block-list/%2B14155550123?reason=again", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ImportTextCsv_GoodBadDuplicate_SummaryWithRejectedRows()
    {
        var sid = await CreateServiceAsync();
        var csv = "number,date,source\n+14155550123,2024-01-01,\n07400 123456,,\n+1 415 555 0123,,\nnope,,\n";

        var response = await client.PostAsync($"/api/services/{sid}/block-list/import?country=GB", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal((4, 2, 1, 1), (summary["rows"]!.GetValue<int>(), summary["added"]!.GetValue<int>(), summary["alreadyPresent"]!.GetValue<int>(), summary["rejectedCount"]!.GetValue<int>()));
        var rejected = summary["rejected"]!.AsArray().Single()!;
        Assert.Equal((5, "nope"), (rejected["line"]!.GetValue<int>(), rejected["value"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(rejected["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_SourceAndDayFilters_OnlyMatchingEntries()
    {
        var sid = await CreateServiceAsync();
        var csv = "number,date,source\n+14155550141,2024-01-01,provider\n+14155550142,2024-01-02,\n+14155550143,2024-01-03,\n";
        (await client.PostAsync($"/api/services/{sid}/block-list/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550144", reason = "asked by phone" }, Ct)).EnsureSuccessStatusCode();

        async Task<string[]> NumbersAsync(string query) =>
            JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list?{query}", Ct))!["items"]!.AsArray()
                .Select(i => i!["number"]!.GetValue<string>()).Order().ToArray();

        Assert.Equal(["+14155550141"], await NumbersAsync("source=provider"));
        Assert.Equal(["+14155550144"], await NumbersAsync("source=MANUAL"));
        Assert.Equal(["+14155550142", "+14155550143"], await NumbersAsync("from=2024-01-02&to=2024-01-03"));
        Assert.Equal(["+14155550142"], await NumbersAsync("source=import&to=2024-01-02"));
        Assert.Equal(4, (await NumbersAsync("from=0001-01-01&to=9999-12-31")).Length);
        var badSource = await client.GetAsync($"/api/services/{sid}/block-list?source=robot", Ct);
        var badDay = await client.GetAsync($"/api/services/{sid}/block-list?from=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badSource.StatusCode);
        Assert.Contains("robot", await badSource.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("+")]
    public async Task List_SearchWithoutTwoDigits_400InsteadOfTheWholeList(string search)
    {
        var sid = await CreateServiceAsync();
        await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550123", reason = "test" }, Ct);

        var response = await client.GetAsync($"/api/services/{sid}/block-list?search={Uri.EscapeDataString(search)}", Ct);
        var digits = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list?search=0123", Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal(("block-list.filter", "search"), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
        Assert.Equal(1, digits["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("page=1&page=2", "page")]
    [InlineData("pageSize=1.5", "pageSize")]
    [InlineData("pageSize=x", "pageSize")]
    public async Task List_BadPaging_400NamesTheParameter(string query, string parameter)
    {
        var sid = await CreateServiceAsync();

        var response = await client.GetAsync($"/api/services/{sid}/block-list?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal(("block-list.paging", parameter), (problem["code"]!.GetValue<string>(), problem["path"]!.GetValue<string>()));
        Assert.StartsWith($"'{parameter}'", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=0", 1, 50)]
    [InlineData("page=-1", 1, 50)]
    [InlineData("pageSize=0", 1, 1)]
    [InlineData("pageSize=1000", 1, 500)]
    [InlineData("page=2&pageSize=100000", 2, 500)]
    public async Task List_WholeNumbersOutOfRange_BroughtIntoRange(string query, int page, int pageSize)
    {
        var sid = await CreateServiceAsync();

        var json = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list?{query}", Ct))!;

        Assert.Equal((page, pageSize), (json["page"]!.GetValue<int>(), json["pageSize"]!.GetValue<int>()));
    }

    [Fact]
    public async Task List_PageFarBeyondTheLast_EmptyPageNotTheFirst()
    {
        var sid = await CreateServiceAsync();
        await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550123", reason = "test" }, Ct);

        var json = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list?page=2147483647&pageSize=500", Ct))!;

        Assert.Equal(1, json["total"]!.GetValue<int>());
        Assert.Equal(2147483647, json["page"]!.GetValue<int>());
        Assert.Empty(json["items"]!.AsArray());
    }

    [Fact]
    public async Task ImportMultipart_File_ImportedAndExportStreamsIt()
    {
        var sid = await CreateServiceAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("+14155550123\n+525512345678,2024-02-03T04:05:06Z,provider\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "legacy.csv");

        var import = await client.PostAsync($"/api/services/{sid}/block-list/import", form, Ct);
        var export = await client.GetAsync($"/api/services/{sid}/block-list.csv", Ct);

        Assert.Equal(2, JsonNode.Parse(await import.Content.ReadAsStringAsync(Ct))!["added"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var lines = (await export.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["number,date,source,keyword,message_sid", "+525512345678,2024-02-03T04:05:06.000Z,provider,,"], lines.Where(l => !l.StartsWith("+1", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Length);
    }

    [Theory]
    [InlineData("garbage without any boundary")]
    [InlineData("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n+14155550123\n+14155550124\n")]
    [InlineData("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n")]
    public async Task ImportMultipart_BrokenOrCutShort_400AndNothingImported(string body)
    {
        var sid = await CreateServiceAsync();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");

        var response = await client.PostAsync($"/api/services/{sid}/block-list/import", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("import.body", problem["problems"]![0]!["code"]!.GetValue<string>());
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/services/{sid}/block-list", Ct))!;
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_JsonBody_415()
    {
        var sid = await CreateServiceAsync();

        var response = await client.PostAsync($"/api/services/{sid}/block-list/import", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/block-list")]
    [InlineData("GET", "/block-list.csv")]
    [InlineData("POST", "/block-list/import")]
    public async Task UnknownService_404ProblemDetails(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/services/MG{new string('0', 32)}{path}") { Content = new StringContent("+14155550123\n", Encoding.UTF8, "text/csv") };

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_WithoutApiKey_401()
    {
        var response = await app.CreateApiClient(key: null).GetAsync($"/api/services/MG{new string('0', 32)}/block-list", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Compliance, HttpStatusCode.OK)]
    [InlineData(Roles.Marketer, HttpStatusCode.Redirect)]
    public async Task ConsoleExport_ByRole_OnlyEditorsGetNumbers(string role, HttpStatusCode expected)
    {
        var sid = await CreateServiceAsync();
        await client.PostAsJsonAsync($"/api/services/{sid}/block-list", new { number = "+14155550123", reason = "test" }, Ct);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(email, "Role!Pass123", role, "test", Ct));
        var browser = await AccountSession.SignInAsync(app, email, "Role!Pass123");

        var response = await browser.GetAsync($"/block-list/export?sid={sid}", Ct);

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(expected == HttpStatusCode.OK, body.Contains("+14155550123", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?sid=")]
    public async Task ConsoleExport_WithoutSid_400NamesSid(string query)
    {
        var email = $"compliance-{Guid.NewGuid():N}@test.local";
        Assert.Null(await app.Service<UserAdministration>().CreateAsync(email, "Role!Pass123", Roles.Compliance, "test", Ct));
        var browser = await AccountSession.SignInAsync(app, email, "Role!Pass123");

        var response = await browser.GetAsync($"/block-list/export{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]![0]!;
        Assert.Equal("sid", problem["path"]!.GetValue<string>());
    }

    private async Task<string> CreateServiceAsync()
    {
        var created = await client.PostAsJsonAsync("/api/services", new { friendlyName = $"Block {Guid.NewGuid():N}"[..20] }, Ct);
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["sid"]!.GetValue<string>();
    }

    public sealed class OnSqlite(ConsoleAppFactory app) : BlockListApiTests(app), IClassFixture<ConsoleAppFactory>;

    public sealed class OnPostgres(PostgresConsoleAppFactory app) : BlockListApiTests(app.RequireDatabase()), IClassFixture<PostgresConsoleAppFactory>;
}
