using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Auditing;

/// <summary>
/// The audit log in our database. Each record uses a DbContext of its own (a fresh scope), so it is committed at once
/// and survives whatever the request's unit of work does. The IP address is the request's, when there is one.
/// </summary>
internal sealed class EfAuditLog(IServiceScopeFactory scopes, TimeProvider timeProvider, IHttpContextAccessor? httpContext = null) : IAuditLog
{
    public async Task RecordAsync(AuditEventKind kind, UserId? userId = null, string? clientId = null, string? details = null, CancellationToken cancellationToken = default)
    {
        var ipAddress = httpContext?.HttpContext?.Connection.RemoteIpAddress?.ToString();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.AuditEvents.Add(AuditEvent.Record(kind, userId, clientId, ipAddress, details, timeProvider.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
