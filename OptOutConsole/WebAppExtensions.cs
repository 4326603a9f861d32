using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
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
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        // A person gets the not-found page; an API client gets problem details it can read (DESIGN 5.2), also for a
        // path no endpoint matches or a method an endpoint does not take. The re-execution must sit on the app itself,
        // not in a UseWhen branch: only there does it route the re-executed request again (a branch lacks the app's
        // route builder, so "/not-found" would match no endpoint and the person would get an empty 404). The API
        // branch runs inside it and writes its problem details first, which leaves the page nothing to do.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages(context => ApiStatusProblem(context.HttpContext)));
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
        return app;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task ApiStatusProblem(HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => $"There is no API endpoint {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}.",
            _ => null,
        };
        return Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
    }
}
