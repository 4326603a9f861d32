using System.Net;
using System.Text.RegularExpressions;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>Signs in through the real static-SSR login form (antiforgery token and all), as a browser would.</summary>
public static partial class AccountSession
{
    public static async Task<HttpClient> SignInAsync(ConsoleAppFactory app, string email, string password)
    {
        var client = app.CreateBrowserlessClient();
        var response = await SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = TokenRegex().Match(form).Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
