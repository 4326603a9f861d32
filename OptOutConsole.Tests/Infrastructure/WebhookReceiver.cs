using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>A customer's app on a loopback port: records every forwarded request, and fails on demand.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TaskCompletionSource<Received> firstSuccess = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => this.app = app;

    public sealed record Received(Dictionary<string, string> Form, string? Signature, string Url);

    /// <summary>While true, every request gets a 503.</summary>
    public volatile bool Failing;

    public ConcurrentQueue<Received> Delivered { get; } = new();

    public int FailedAttempts;

    public string Url { get; private set; } = string.Empty;

    public Task<Received> FirstSuccess => firstSuccess.Task;

    public Task FirstFailure => firstFailure.Task;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            if (receiver.Failing)
            {
                Interlocked.Increment(ref receiver.FailedAttempts);
                receiver.firstFailure.TrySetResult();
                return Results.StatusCode(503);
            }

            var form = await context.Request.ReadFormAsync();
            var received = new Received(form.ToDictionary(f => f.Key, f => f.Value.ToString()), context.Request.Headers["X-Twilio-Signature"], receiver.Url);
            receiver.Delivered.Enqueue(received);
            receiver.firstSuccess.TrySetResult(received);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
