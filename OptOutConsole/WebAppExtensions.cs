using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing.Template;
using MudBlazor.Services;
using OptOutConsole.Api;
using OptOutConsole.Components;
using OptOutConsole.Components.Account;
using OptOutConsole.Core;
using OptOutConsole.Core.Identity;

namespace OptOutConsole;

/// <summary>Everything Program.cs wires, kept here so Program.cs stays short.</summary>
internal static class WebAppExtensions
{
    public static WebApplicationBuilder AddOptOutConsole(this WebApplicationBuilder builder)
    {
        UseRootSettingsFile(builder);
        SocketTuning.Apply(builder.Configuration);
        // MudBlazor's _content/ assets are served from the build output only when static web assets are on (outside Development too).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddOptOutCore(builder.Configuration, builder.Environment.ContentRootPath);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddProblemDetails();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.CanEdit, p => p.RequireRole(Roles.Admin, Roles.Compliance))
            .AddPolicy(Roles.AnyRole, p => p.RequireRole(Roles.Admin, Roles.Compliance, Roles.Marketer))
            .AddPolicy(ApiKeyAuthenticationHandler.PolicyName, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        services.AddIdentityCore<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
            })
            .AddOptOutIdentityStores()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return builder;
    }

    /// <summary>
    /// The one appsettings.json sits at the repository root and is copied next to the app. Under <c>dotnet run</c> the
    /// content root is the project folder, which has none: read the copy beside the binaries, at the same precedence.
    /// </summary>
    private static void UseRootSettingsFile(WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            return;
        }

        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var index = sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path: "appsettings.json" });
        if (index >= 0)
        {
            sources[index] = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                ReloadOnChange = false,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            };
        }
    }

    public static WebApplication UseOptOutConsole(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // A person gets the error page; an API client gets problem details, not the page's HTML. As with the status
            // pages below, the page's handler sits on the app itself (re-executing "/Error" needs the app's routes) and
            // the API's runs inside it, answering API requests before the page's handler sees them.
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseWhen(context => IsApi(context.Request), api => api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiExceptionProblem }));
        }

        // A person gets the not-found page; an API client gets problem details it can read (DESIGN 5.2), also for a
        // path no endpoint matches or a method an endpoint does not take. The re-execution must sit on the app itself,
        // not in a UseWhen branch: only there does it route the re-executed request again (a branch lacks the app's
        // route builder, so "/not-found" would match no endpoint and the person would get an empty 404). The API
        // branch runs inside it and writes its problem details first, which leaves the page nothing to do.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages(context => ApiStatusProblem(context.HttpContext)));
        app.Use((context, next) => IsApi(context.Request) && HasDotSegment(context) ? DotSegmentProblem(context) : next(context));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapHealthEndpoints();
        app.MapServicesApi();
        app.MapBlockListExport();
        app.MapTwilioWebhooks();
        app.MapDashboardExport();
        app.MapSubscriberExport();
        return app;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>
    /// True when the path as sent holds a <c>.</c> or <c>..</c> segment, also percent-encoded (<c>%2e%2e</c>). The
    /// server resolves those before routing, so <c>DELETE /api/services/{sid}/block-list/%2e%2e</c> would reach
    /// <c>DELETE /api/services/{sid}</c> and delete the service: an API request is refused instead.
    /// </summary>
    internal static bool HasDotSegment(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return false;
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length is > 0 and <= 6 && Uri.UnescapeDataString(segment) is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static Task DotSegmentProblem(HttpContext context) => ApiProblems.BadRequest(
            $"The path {context.Features.Get<IHttpRequestFeature>()?.RawTarget?.Split('?')[0]} has a '.' or '..' segment (also written %2e); the server would resolve it to another resource, so nothing was done. A value in the path, such as a phone number, cannot be '.' or '..'.",
            "request.path")
        .ExecuteAsync(context);

    /// <summary>
    /// An exception no endpoint turned into an answer. Every change is one transaction, so nothing was half-saved;
    /// a database that refused (busy, read-only, full) is worth a retry, anything else is a bug to find in the log.
    /// </summary>
    private static Task ApiExceptionProblem(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var id = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
        if (ApiProblems.IsDatabaseRefusal(error))
        {
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(
                title: "Database unavailable",
                detail: $"The database could not complete the request just now, so nothing of it was saved; send it again (request ID {id}).",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        }

        return Results.Problem(
            title: "Internal error",
            detail: $"The request failed on the server and nothing of it was half-saved; the log has the cause under request ID {id}.",
            statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
    }

    private static Task ApiStatusProblem(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed || (response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null))
        {
            // Routing's own 404 and 405 count every endpoint, and in Development the static-asset fallback
            // ({**path:file}) takes every GET and HEAD: a GET on a POST-only path was a 404, a DELETE on a path no
            // endpoint has a 405 "Allow: GET, HEAD". The API's endpoints alone decide.
            var methods = MethodsOf(context);
            var fits = methods.Count == 0 || methods.Contains(request.Method);
            response.StatusCode = fits ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = fits ? default : string.Join(", ", methods);
        }

        var allow = response.Headers.Allow.ToString();
        var detail = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"There is no API endpoint {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed when allow.Length > 0 => $"{request.Path} takes {allow}, not {request.Method}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}.",
            _ => null,
        };
        return Results.Problem(detail: detail, statusCode: response.StatusCode).ExecuteAsync(context);
    }

    /// <summary>The methods of the API endpoints whose route matches the request's path (constraints aside).</summary>
    private static SortedSet<string> MethodsOf(HttpContext context)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } accepted
                && endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(context.Request.Path, new RouteValueDictionary()))
            {
                methods.UnionWith(accepted.HttpMethods);
            }
        }

        return methods;
    }
}
