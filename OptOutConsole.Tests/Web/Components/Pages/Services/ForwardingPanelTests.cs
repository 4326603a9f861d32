using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OptOutConsole.Components.Pages.Services;
using OptOutConsole.Core.Identity;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Services;
using OptOutConsole.Tests.Infrastructure;

namespace OptOutConsole.Tests.Web.Components.Pages.Services;

/// <summary>The delivery state of forwarding on the service page, over a real outbox table.</summary>
public sealed class ForwardingPanelTests : MudBunitContext, IClassFixture<ConsoleAppFactory>
{
    private readonly ConsoleAppFactory app;

    public ForwardingPanelTests(ConsoleAppFactory app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<OutboxService>());
    }

    [Fact]
    public async Task Render_FailingDelivery_ShowsCountsAndLastErrorAndAdminRetries()
    {
        var sid = await ServiceWithOutboxAsync("Failing Co", OutboxStates.Failing, "HTTP 503 Service Unavailable");
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        Render<MudPopoverProvider>();

        var cut = Render<ForwardingPanel>(p => p.Add(x => x.Sid, sid).Add(x => x.WebhookUrl, "https://example.com/hook"));

        cut.WaitForAssertion(() => Assert.Contains("Failing: 1", cut.Find("[data-state='failing']").TextContent, StringComparison.Ordinal));
        Assert.Contains("HTTP 503", cut.Find("#forwarding-error").TextContent, StringComparison.Ordinal);
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Service<OutboxForwarder>().RoundStored += _ => retried.TrySetResult();
        cut.Find("#forwarding-retry").Click();

        // The retry makes the message due now: the forwarder tries it at once (and fails again: no network here).
        await retried.Task.WaitAsync(TimeSpan.FromSeconds(30), Xunit.TestContext.Current.CancellationToken);
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var row = await db.Outbox.SingleAsync(m => m.ServiceSid == sid, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(4, row.Attempts);
        Assert.Null(row.LeaseOwner);
    }

    [Fact]
    public async Task Render_Compliance_NoRetryButton()
    {
        var sid = await ServiceWithOutboxAsync("Delivered Co", OutboxStates.Delivered, null);
        AddAuthorization().SetAuthorized("compliance@test.local").SetRoles(Roles.Compliance);

        var cut = Render<ForwardingPanel>(p => p.Add(x => x.Sid, sid).Add(x => x.WebhookUrl, "https://example.com/hook"));

        cut.WaitForAssertion(() => Assert.Contains("Delivered: 1", cut.Find("[data-state='delivered']").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#forwarding-retry"));
    }

    private async Task<string> ServiceWithOutboxAsync(string name, string state, string? error)
    {
        var (_, sid) = await app.Service<ServiceCatalog>().CreateAsync(name, "test", Xunit.TestContext.Current.CancellationToken);
        await using var db = await app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        db.Outbox.Add(new OutboxMessage
        {
            ServiceSid = sid!,
            Url = "https://example.com/hook",
            ParametersJson = "{}",
            MessageSid = "SM1",
            State = state,
            Attempts = 3,
            LastError = error,
            CreatedAt = DateTimeOffset.UtcNow,
            NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1),
            DeliveredAt = state == OutboxStates.Delivered ? DateTimeOffset.UtcNow : null,
        });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return sid!;
    }
}
