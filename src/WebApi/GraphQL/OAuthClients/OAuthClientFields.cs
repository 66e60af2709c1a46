using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.OAuthClients;
using CleanAssistant.Application.OAuthClients.ListClients;
using CleanAssistant.Application.OAuthClients.RegisterClient;
using CleanAssistant.Application.OAuthClients.RemoveClient;
using CleanAssistant.WebApi.GraphQL.Calendars;
using CleanAssistant.WebApi.GraphQL.Common;
using GraphQL;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.OAuthClients;

/// <summary>Administration of the OAuth clients third-party apps and services use (docs/oauth.md).</summary>
public static class OAuthClientFields
{
    public static void AddOAuthClientQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OAuthClientType>>>>("oauthClients")
            .Description("The registered third-party OAuth clients, by name (never their secrets). Administrators only.")
            .RequireScope(ApiScopes.Admin)
            .ResolveAsync(async c => await c.QueryAsync(() => new ListClientsQuery()));

    public static void AddOAuthClientMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RegisterOAuthClientPayloadType>>("registerOAuthClient")
            .Description("Registers a third-party OAuth client. A confidential client's secret is in the payload, this once only. Administrators only.")
            .Argument<NonNullGraphType<RegisterOAuthClientInputType>>("input", "The new client.")
            .RequireScope(ApiScopes.Admin)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RegisterOAuthClientInput>("input");
                return await c.MutateAsync(
                    () => new RegisterClientCommand(input.DisplayName, input.Kind, input.RedirectUris ?? [], input.GrantTypes, input.Scopes ?? []),
                    registered => new RegisterOAuthClientPayload(registered.Client, registered.ClientSecret, []),
                    errors => new RegisterOAuthClientPayload(null, null, errors));
            });

        mutation.Field<NonNullGraphType<DeletePayloadType>>("removeOAuthClient")
            .Description("Removes a third-party OAuth client with its consents and tokens; `deletedId` is its client id. Administrators only.")
            .Argument<NonNullGraphType<RemoveOAuthClientInputType>>("input", "The client.")
            .RequireScope(ApiScopes.Admin)
            .ResolveAsync(async c => await c.MutateAsync(
                () => new RemoveClientCommand(c.GetArgument<RemoveOAuthClientInput>("input").ClientId),
                id => new DeletePayload(id, []),
                errors => new DeletePayload(null, errors)));
    }
}

public sealed class OAuthClientKindType : EnumerationGraphType<OAuthClientKind>
{
    public OAuthClientKindType()
    {
        Name = "OAuthClientKind";
        Description = "Whether the client can keep a secret.";
        Values["CONFIDENTIAL"]!.Description = "Runs on a server and authenticates with its client secret.";
        Values["PUBLIC"]!.Description = "Runs on the user's device (mobile, desktop, browser, TV) and has no secret; PKCE protects its codes.";
    }
}

public sealed class OAuthClientType : ObjectGraphType<OAuthClientDto>
{
    public OAuthClientType()
    {
        Name = "OAuthClient";
        Description = "An application allowed to ask for tokens.";
        Field(c => c.ClientId).Description("The `client_id` it sends.");
        Field(c => c.DisplayName).Description("The name users see on the consent page.");
        Field<NonNullGraphType<OAuthClientKindType>>("kind").Description("Confidential or public.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("redirectUris")
            .Description("Where authorization responses may go; matched exactly.").Resolve(c => c.Source.RedirectUris);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("grantTypes")
            .Description("Allowed grant types: authorization_code, refresh_token, client_credentials, device_code.").Resolve(c => c.Source.GrantTypes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes")
            .Description("API scopes it may ask for.").Resolve(c => c.Source.Scopes);
    }
}

public sealed record RegisterOAuthClientInput(
    string DisplayName, OAuthClientKind Kind, IReadOnlyList<string>? RedirectUris, IReadOnlyList<string> GrantTypes, IReadOnlyList<string>? Scopes);

public sealed class RegisterOAuthClientInputType : InputObjectGraphType<RegisterOAuthClientInput>
{
    public RegisterOAuthClientInputType()
    {
        Name = "RegisterOAuthClientInput";
        Description = "A new OAuth client.";
        Field(i => i.DisplayName).Description("Name shown to users on the consent page, up to 100 characters.");
        Field<NonNullGraphType<OAuthClientKindType>>("kind").Description("Confidential (gets a secret) or public.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("redirectUris")
            .Description("Absolute https URIs (http only for 127.0.0.1, [::1] or localhost); required for authorization_code.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("grantTypes")
            .Description("Among authorization_code, refresh_token, client_credentials (confidential only), device_code.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("scopes")
            .Description("API scopes it may ask for, among calendar.freebusy, calendar.read, calendar.write, assistant, voice.history, admin.");
    }
}

public sealed record RegisterOAuthClientPayload(OAuthClientDto? Client, string? ClientSecret, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class RegisterOAuthClientPayloadType : ObjectGraphType<RegisterOAuthClientPayload>
{
    public RegisterOAuthClientPayloadType()
    {
        Name = "RegisterOAuthClientPayload";
        Description = "The new client, or why the mutation failed.";
        Field<OAuthClientType>("client").Description("The client; null when `errors` is not empty.").Resolve(c => c.Source.Client);
        Field<StringGraphType>("clientSecret")
            .Description("A confidential client's secret. Shown only here, stored only as a hash: keep it now. Null for public clients.")
            .Resolve(c => c.Source.ClientSecret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public sealed record RemoveOAuthClientInput(string ClientId);

public sealed class RemoveOAuthClientInputType : InputObjectGraphType<RemoveOAuthClientInput>
{
    public RemoveOAuthClientInputType()
    {
        Name = "RemoveOAuthClientInput";
        Description = "The OAuth client to remove.";
        Field(i => i.ClientId).Description("Its client id.");
    }
}
