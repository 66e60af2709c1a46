using System.Collections.Immutable;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Users;
using CleanAssistant.Domain.Auditing;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// <c>GET|POST /connect/authorize</c>: the authorization-code flow. OpenIddict has already checked the client,
/// the exact redirect URI, the scopes and the PKCE challenge; this signs the user in (login page), asks for
/// consent once (remembered as a permanent authorization) and issues the code.
/// </summary>
internal static class AuthorizationEndpoint
{
    /// <summary>Fields of the consent form that are not part of the OAuth request.</summary>
    private static readonly HashSet<string> FormOnlyFields = new(StringComparer.Ordinal) { "consent", "__RequestVerificationToken" };

    public static IEndpointRouteBuilder MapAuthorizationEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext context,
        IMediator mediator,
        IAntiforgery antiforgery,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations,
        IAuditLog auditLog)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var cancellationToken = context.RequestAborted;
        var parameters = RequestParameters(request);

        var user = await LoginEndpoint.SignedInUserAsync(context, mediator);
        if (user is null)
        {
            return request.HasPromptValue(PromptValues.None)
                ? Reject(Errors.LoginRequired, "The user is not signed in.")
                : LoginEndpoint.RedirectToLogin(context, $"{context.Request.PathBase}{context.Request.Path}{QueryString.Create(parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))}");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict validated a client that does not exist.");
        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        var scopes = UserPrincipal.Grantable(request.GetScopes(), user).ToImmutableArray();
        var subject = user.Id.Value.ToString();

        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return OAuthPages.Message(context, "Form expired", "This form is no longer valid. Go back to the application and start again.", StatusCodes.Status400BadRequest);
            }

            var consent = (await context.Request.ReadFormAsync(cancellationToken))["consent"].ToString();
            if (consent == "deny")
            {
                return Reject(Errors.AccessDenied, "The user denied the request.");
            }

            if (consent == "allow")
            {
                var authorization = await authorizations.CreateAsync(
                    UserPrincipal.Create(user, scopes, firstParty: false, authorizationId: null),
                    subject,
                    applicationId!,
                    AuthorizationTypes.Permanent,
                    scopes,
                    cancellationToken);
                await auditLog.RecordAsync(AuditEventKind.ConsentGranted, user.Id, request.ClientId, $"scopes={string.Join(' ', scopes)}", cancellationToken);
                return Issue(user, scopes, await authorizations.GetIdAsync(authorization, cancellationToken));
            }
        }

        if (!request.HasPromptValue(PromptValues.Consent))
        {
            await foreach (var granted in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, cancellationToken))
            {
                return Issue(user, scopes, await authorizations.GetIdAsync(granted, cancellationToken));
            }
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return Reject(Errors.ConsentRequired, "The user has not allowed this application yet.");
        }

        var clientName = await applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId!;
        return OAuthPages.Consent(context, antiforgery, $"{context.Request.PathBase}/connect/authorize", clientName, user.DisplayName, scopes, parameters);
    }

    private static IResult Issue(UserDto user, ImmutableArray<string> scopes, string? authorizationId) =>
        Results.SignIn(
            UserPrincipal.Create(user, scopes, firstParty: false, authorizationId),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>The OAuth request as name/value pairs, to carry through the login redirect and the consent form.</summary>
    private static List<KeyValuePair<string, string>> RequestParameters(OpenIddictRequest request)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.GetParameters())
        {
            if (!FormOnlyFields.Contains(name) && value.ToString() is { } text)
            {
                pairs.Add(KeyValuePair.Create(name, text));
            }
        }

        return pairs;
    }

    internal static IResult Reject(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
