using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>
/// The audit log of security events (sign-ins, tokens, OAuth clients and consents, data exports, account deletions).
/// A record is written at once, in a transaction of its own: it stays even when the request's unit of work fails or is
/// rolled back (a refused sign-in is still recorded). The caller's IP address is added when there is a request.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records one event.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="userId">The user it concerns, when known.</param>
    /// <param name="clientId">The OAuth client it came through, when known.</param>
    /// <param name="details">
    /// A short technical note (at most 200 characters, e.g. <c>grant=refresh_token</c>). NEVER a secret or personal
    /// content: no password, token, e-mail address, event title or transcript text.
    /// </param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task RecordAsync(AuditEventKind kind, UserId? userId = null, string? clientId = null, string? details = null, CancellationToken cancellationToken = default);
}
