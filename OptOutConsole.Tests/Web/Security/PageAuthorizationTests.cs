using System.Net;
using OptOutConsole.Core.Identity;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Security;

/// <summary>Each role gets exactly its pages, checked by the server (HTTP status), not by hidden links.</summary>
public sealed class PageAuthorizationTests : IClassFixture<PageAuthorizationTests.App>
{
    private const string Password = "Role!Pass123";
    private readonly App app;

    public PageAuthorizationTests(App app) => this.app = app;

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        string[] everyone = ["/", "/services", "/simulator", "/preview", "/dashboard"];
        string[] editors = ["/block-list", "/review", "/subscribers", "/audit"];
        string[] admins = ["/admin/users", "/admin/api-keys", "/admin/retention"];
        foreach (var role in Roles.All)
        {
            foreach (var page in everyone)
            {
                data.Add(role, page, true);
            }

            foreach (var page in editors)
            {
                data.Add(role, page, role is Roles.Admin or Roles.Compliance);
            }

            foreach (var page in admins)
            {
                data.Add(role, page, role is Roles.Admin);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/services")]
    [InlineData("/admin/users")]
    [InlineData("/audit")]
    [InlineData("/review")]
    [InlineData("/subscribers")]
    [InlineData("/admin/retention")]
    public async Task Page_Anonymous_RedirectsToLogin(string page)
    {
        var client = app.CreateBrowserlessClient();

        var response = await client.GetAsync(page, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Anonymous_404WithTheNotFoundPage()
    {
        var client = app.CreateBrowserlessClient();

        var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Marketer)]
    public async Task UnknownPath_SignedIn_404WithTheNotFoundPage(string role)
    {
        var client = await app.ClientFor(role);

        var response = await client.GetAsync("/services/MG0/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Page_Role_AllowedExactlyItsPages(string role, string page, bool allowed)
    {
        var client = await app.ClientFor(role);

        var response = await client.GetAsync(page, TestContext.Current.CancellationToken);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccount()
    {
        await app.Service<UserAdministration>().CreateAsync("lockme@test.local", Password, Roles.Marketer, "test", CancellationToken.None);
        var client = app.CreateBrowserlessClient();

        for (var i = 0; i < 5; i++)
        {
            await AccountSession.SignInAsync(client, "lockme@test.local", "wrong-password");
        }

        var response = await AccountSession.SignInAsync(client, "lockme@test.local", Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/Lockout", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    public sealed class App : ConsoleAppFactory
    {
        private readonly Dictionary<string, HttpClient> clients = [];
        private readonly SemaphoreSlim gate = new(1, 1);

        public async Task<HttpClient> ClientFor(string role)
        {
            await gate.WaitAsync();
            try
            {
                if (!clients.TryGetValue(role, out var client))
                {
                    var email = role == Roles.Admin ? AdminEmail : $"{role.ToLowerInvariant()}@test.local";
                    var password = role == Roles.Admin ? AdminPassword : Password;
                    if (role != Roles.Admin)
                    {
                        Assert.Null(await Service<UserAdministration>().CreateAsync(email, password, role, "test", CancellationToken.None));
                    }

                    client = await AccountSession.SignInAsync(this, email, password);
                    clients[role] = client;
                }

                return client;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
