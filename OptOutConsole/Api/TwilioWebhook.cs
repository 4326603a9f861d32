using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Phones;

namespace OptOutConsole.Api;

/// <summary>
/// The provider webhooks (DESIGN 5.1): <c>POST /api/twilio/sms</c> for inbound messages and <c>POST /api/twilio/status</c>
/// for status callbacks. They authenticate by <c>X-Twilio-Signature</c>, not by API key. Bad input gets a 400 with
/// a plain reason and changes nothing.
/// </summary>
internal static class TwilioWebhook
{
    public const int MaxBodyBytes = 64 * 1024;
    public const string ProviderOptOutErrorCode = "21610";

    private const string TwiMLContentType = TwiML.ContentType + "; charset=utf-8";
    private const string PlainContentType = "text/plain; charset=utf-8";

    /// <summary>The parameters the webhooks read: each must come at most once.</summary>
    private static readonly string[] SingleValued = ["MessageSid", "SmsSid", "AccountSid", "MessagingServiceSid", "From", "To", "Body", "FromCountry", "ErrorCode"];

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 256,
        KeyLengthLimit = 256,
        ValueLengthLimit = MaxBodyBytes,
        BufferBody = false,
        MultipartBodyLengthLimit = MaxBodyBytes,
    };

    public static void MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        // Short-circuited: a provider's request is answered by routing itself, without the console's cookie
        // authentication, authorization, antiforgery and status-code pages, none of which applies to a signed webhook.
        var twilio = app.MapGroup("/api/twilio").AllowAnonymous().DisableAntiforgery();
        twilio.MapPost("/sms", InboundAsync).ShortCircuit();
        twilio.MapPost("/status", StatusAsync).ShortCircuit();
    }

    private static async Task InboundAsync(HttpContext context, InboundProcessor processor, IOptionsMonitor<TwilioOptions> options)
    {
        var (parameters, error) = await ReadSignedFormAsync(context, options.CurrentValue);
        if (error is not null)
        {
            await error.ExecuteAsync(context);
            return;
        }

        InboundOutcome outcome;
        try
        {
            outcome = await processor.ProcessAsync(parameters!, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (IsStorageUnavailable(ex, context))
        {
            await StorageUnavailable(context).ExecuteAsync(context);
            return;
        }

        await WriteAsync(context.Response, outcome.StatusCode, outcome.IsTwiML ? TwiMLContentType : PlainContentType, outcome.Body);
    }

    /// <summary>
    /// The writer could not commit the batch (it rolled back) or is stopping: nothing of this request was stored, so
    /// the provider may send it again. The writer has logged the cause.
    /// </summary>
    private static bool IsStorageUnavailable(Exception ex, HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested
        && (AppDatabase.IsRefusal(ex) || ex is OperationCanceledException or TimeoutException or System.Threading.Channels.ChannelClosedException or InvalidOperationException);

    private static IResult StorageUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Plain(StatusCodes.Status503ServiceUnavailable, "The message could not be stored just now and nothing was changed; send it again later.");
    }

    /// <summary>Writes a whole UTF-8 answer straight into the response pipe (the hot path of every inbound message).</summary>
    private static async Task WriteAsync(HttpResponse response, int statusCode, string contentType, string body)
    {
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        var length = Encoding.UTF8.GetByteCount(body);
        response.ContentLength = length;
        var writer = response.BodyWriter;
        var written = Encoding.UTF8.GetBytes(body, writer.GetSpan(length));
        writer.Advance(written);
        await writer.FlushAsync(response.HttpContext.RequestAborted);
    }

    private static async Task<IResult> StatusAsync(HttpContext context, InboundProcessor processor, InboundWriter writer, IOptionsMonitor<TwilioOptions> options)
    {
        var (parameters, error) = await ReadSignedFormAsync(context, options.CurrentValue);
        if (error is not null)
        {
            return error;
        }

        string? Get(string name) => parameters!.FirstOrDefault(p => p.Key == name).Value;
        if (Get("ErrorCode")?.Trim() != ProviderOptOutErrorCode)
        {
            return Results.NoContent();
        }

        var messageSid = Get("MessageSid");
        if (messageSid is { Length: > InboundProcessor.MaxSidLength })
        {
            return Plain(400, $"'MessageSid' is longer than {InboundProcessor.MaxSidLength} characters.");
        }

        var rawTo = Get("To");
        var to = E164.Normalize(InboundProcessor.WithoutChannel(rawTo));
        if (to is null)
        {
            return Plain(400, string.IsNullOrWhiteSpace(rawTo)
                ? "A 21610 status callback needs 'To', the recipient's phone number."
                : $"'To' ({(rawTo.Length <= 40 ? rawTo : rawTo[..40] + "…")}) is not a valid phone number.");
        }

        var service = await processor.FindServiceAsync(Get("MessagingServiceSid"), Get("From"), context.RequestAborted);
        if (service is null)
        {
            return Plain(404, "No messaging service matches this callback's MessagingServiceSid or From number.");
        }

        try
        {
            await writer.SubmitAsync(new ProviderOptOutWork { ServiceSid = service.Sid, Number = to, MessageSid = string.IsNullOrEmpty(messageSid) ? null : messageSid }, context.RequestAborted);
        }
        catch (Exception ex) when (IsStorageUnavailable(ex, context))
        {
            return StorageUnavailable(context);
        }

        return Results.NoContent();
    }

    /// <summary>Reads the form (at most 64 KiB) and checks its signature; returns the parameters or the error to send.</summary>
    private static async Task<(List<KeyValuePair<string, string>>? Parameters, IResult? Error)> ReadSignedFormAsync(HttpContext context, TwilioOptions options)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Plain(400, $"The request body is larger than {MaxBodyBytes / 1024} KiB."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!request.HasFormContentType)
        {
            return (null, Plain(400, "The body must be a form (application/x-www-form-urlencoded), as Twilio sends it."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(FormLimits, context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException or FormatException)
        {
            return (null, Plain(400, $"The form could not be read: {ex.Message}"));
        }

        var parameters = new List<KeyValuePair<string, string>>(form.Count);
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                parameters.Add(new(key, value ?? string.Empty));
            }
        }

        if (options.ValidateSignatures)
        {
            if (string.IsNullOrEmpty(options.AuthToken))
            {
                return (null, Plain(403, "Signature checking is on but Twilio:AuthToken is not configured."));
            }

            var url = SignedUrl(request, options.PublicBaseUrl);
            if (!TwilioSignature.IsValid(request.Headers[TwilioSignature.HeaderName], url, parameters, options.AuthToken))
            {
                return (null, Plain(403, "The X-Twilio-Signature header is missing or does not match this request."));
            }
        }

        // A provider sends each parameter once. Given twice, the classifier would read one value and the forwarded
        // request carry both, so the receiver could act on a Body or From other than the one that was decided.
        foreach (var name in SingleValued)
        {
            if (form[name].Count > 1)
            {
                return (null, Plain(400, $"'{name}' is given {form[name].Count} times; send each parameter once."));
            }
        }

        return (parameters, null);
    }

    /// <summary>The URL the provider signed: <c>Twilio:PublicBaseUrl</c> (behind a proxy) or the request's own, with the query string.</summary>
    private static string SignedUrl(HttpRequest request, string? publicBaseUrl)
    {
        if (string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        }

        // A base URL ("https://sms.example.com") gets the path appended; a full webhook URL is taken as it is.
        var trimmed = publicBaseUrl.Trim().TrimEnd('/');
        var path = request.Path.Value ?? string.Empty;
        return trimmed.EndsWith(path, StringComparison.OrdinalIgnoreCase) ? trimmed + request.QueryString : trimmed + path + request.QueryString;
    }

    private static IResult Plain(int status, string reason) => Results.Text(reason, "text/plain", System.Text.Encoding.UTF8, status);
}
