using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web;

/// <summary>
/// An exception no endpoint answered, outside Development: a person gets the console's error page (re-executed
/// through the app's own routes), an API client problem details. The failing endpoints are added at the end of the
/// pipeline, inside the console's handlers, by a startup filter of this test's host only.
/// </summary>
public sealed class PageErrorTests(PageErrorTests.ThrowingApp app) : IClassFixture<PageErrorTests.ThrowingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PageThrows_ErrorPageWith500()
    {
        var response = await app.CreateClient().GetAsync("/throws-for-test", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<title>Error · OptOutConsole</title>", page, StringComparison.Ordinal);
        Assert.Contains("Something went wrong", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiThrows_ProblemDetailsWith500()
    {
        var response = await app.CreateApiClient().GetAsync("/api/throws-for-test", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public sealed class ThrowingApp : ConsoleAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ThrowingEndpoints>());
        }
    }

    private sealed class ThrowingEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path.Value?.EndsWith("/throws-for-test", StringComparison.Ordinal) == true
                    ? throw new InvalidOperationException("thrown for the test")
                    : following(context));
        };
    }
}
