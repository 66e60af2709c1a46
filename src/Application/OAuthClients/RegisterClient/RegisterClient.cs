using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Auditing;
using FluentValidation;
using Mediator;

namespace CleanAssistant.Application.OAuthClients.RegisterClient;

/// <summary>Registers a third-party OAuth client. Administrators only.</summary>
public sealed record RegisterClientCommand(
    string DisplayName, OAuthClientKind Kind, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> Scopes)
    : ICommand<RegisteredOAuthClientDto>, IRequireAdmin;

public sealed class RegisterClientCommandValidator : AbstractValidator<RegisterClientCommand>
{
    public RegisterClientCommandValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.GrantTypes).NotEmpty().WithMessage("Allow at least one grant type.");
        RuleForEach(c => c.GrantTypes).Must(g => OAuthGrantTypes.All.Contains(g))
            .WithMessage(g => $"Unknown grant type; allowed: {string.Join(", ", OAuthGrantTypes.All)}.");
        RuleForEach(c => c.Scopes).Must(s => ApiScopes.All.Contains(s))
            .WithMessage(_ => $"Unknown scope; allowed: {string.Join(", ", ApiScopes.All)}.");
        RuleForEach(c => c.RedirectUris).Must(IsAllowedRedirectUri)
            .WithMessage("A redirect URI must be an absolute https URI without a fragment (http only for 127.0.0.1, [::1] or localhost).");
        RuleFor(c => c.RedirectUris).NotEmpty()
            .When(c => c.GrantTypes.Contains(OAuthGrantTypes.AuthorizationCode))
            .WithMessage("The authorization_code grant needs at least one redirect URI.");
        RuleFor(c => c.RedirectUris).Empty()
            .When(c => !c.GrantTypes.Contains(OAuthGrantTypes.AuthorizationCode))
            .WithMessage("Redirect URIs are only for the authorization_code grant.");
        RuleFor(c => c.Kind).Equal(OAuthClientKind.Confidential)
            .When(c => c.GrantTypes.Contains(OAuthGrantTypes.ClientCredentials))
            .WithMessage("Only a confidential client can use client_credentials.");
        RuleFor(c => c.GrantTypes)
            .Must(g => g.Contains(OAuthGrantTypes.AuthorizationCode) || g.Contains(OAuthGrantTypes.DeviceCode))
            .When(c => c.GrantTypes.Contains(OAuthGrantTypes.RefreshToken))
            .WithMessage("refresh_token only comes with authorization_code or device_code.");
    }

    /// <summary>RFC 9700 §2.1 and RFC 8252 §7.3: https, or plain http only on the loopback interface (native apps).</summary>
    private static bool IsAllowedRedirectUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

public sealed class RegisterClientCommandHandler(IOAuthClientRegistry registry, IAuditLog auditLog, ICurrentUser currentUser)
    : ICommandHandler<RegisterClientCommand, RegisteredOAuthClientDto>
{
    public async ValueTask<RegisteredOAuthClientDto> Handle(RegisterClientCommand command, CancellationToken cancellationToken)
    {
        var registered = await registry.RegisterAsync(
            new NewOAuthClient(
                command.DisplayName.Trim(),
                command.Kind,
                [.. command.RedirectUris.Distinct(StringComparer.Ordinal).Select(u => new Uri(u, UriKind.Absolute))],
                [.. command.GrantTypes.Distinct(StringComparer.Ordinal)],
                [.. command.Scopes.Distinct(StringComparer.Ordinal)]),
            cancellationToken);
        await auditLog.RecordAsync(
            AuditEventKind.ClientRegistered, currentUser.Id, registered.Client.ClientId, $"kind={command.Kind} grants={string.Join(' ', command.GrantTypes)} scopes={string.Join(' ', command.Scopes)}", cancellationToken);
        return registered;
    }
}
