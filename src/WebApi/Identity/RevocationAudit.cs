using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CleanAssistant.WebApi.Identity;

/// <summary>Records <c>POST /connect/revoke</c> in the audit log once OpenIddict has revoked the token.</summary>
internal sealed class RevocationAudit(IAuditLog auditLog) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<RevocationAudit>()
        .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsRejected)
        {
            return;
        }

        var subject = context.GenericTokenPrincipal?.GetClaim(Claims.Subject);
        await auditLog.RecordAsync(
            AuditEventKind.TokenRevoked,
            Guid.TryParse(subject, out var id) ? new UserId(id) : null,
            context.Request?.ClientId,
            context.Request?.TokenTypeHint is { Length: > 0 } hint ? $"hint={hint}" : null,
            context.CancellationToken);
    }
}
