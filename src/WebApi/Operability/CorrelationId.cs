using System.Diagnostics;
using Serilog.Context;

namespace CleanAssistant.WebApi.Operability;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-ID</c>, else the W3C trace id
/// (from <c>traceparent</c>, or a new one). It is echoed in the response and on every log line.
/// </summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-ID";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        // The caller's traceparent is read here, not through Activity.Current: that is the caller's own activity
        // when client and server share a process (and may be missing when nothing listens to activities).
        var id = FromHeader(context.Request.Headers[HeaderName].ToString())
            ?? (ActivityContext.TryParse(context.Request.Headers["traceparent"].ToString(), null, out var parent) ? parent.TraceId.ToHexString() : null)
            ?? Activity.Current?.TraceId.ToHexString()
            ?? ActivityTraceId.CreateRandom().ToHexString();
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(context);
        }
    }

    /// <summary>Only short printable ids are taken over: a header must not be able to forge log lines.</summary>
    private static string? FromHeader(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? value
            : null;
}
