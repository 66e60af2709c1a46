using CleanAssistant.Application.Auditing.ListAuditEvents;
using CleanAssistant.Application.Common.Paging;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Privacy.DeleteMyAccount;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Users;
using CleanAssistant.WebApi.Privacy;
using GraphQL;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Privacy;

public sealed class AuditEventType : ObjectGraphType<AuditEventDto>
{
    public const string TypeName = "AuditEvent";

    public AuditEventType()
    {
        Name = TypeName;
        Description = "A security event in the audit log: who, through which OAuth client, from where, when. Never holds secrets or personal content.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the event.").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<InstantGraphType>>("at").Description("When it happened.").Resolve(c => c.Source.At);
        Field<NonNullGraphType<AuditEventKindType>>("kind").Description("What happened.").Resolve(c => c.Source.Kind);
        Field<IdGraphType>("userId")
            .Description("The user it concerns (a `User` id; the account may have been deleted since); null when unknown.")
            .Resolve(c => c.Source.UserId is { } id ? GlobalId.Encode(UserType.TypeName, id.Value) : null);
        Field(a => a.ClientId, nullable: true).Description("The OAuth client it came through, when known.");
        Field(a => a.IpAddress, nullable: true).Description("The caller's IP address, when there was a request.");
        Field(a => a.Details, nullable: true).Description("A short technical note, e.g. `grant=password`.");
    }
}

public sealed class AuditEventConnectionType() : ConnectionType<AuditEventDto, AuditEventType>(AuditEventType.TypeName);

public sealed class AuditEventKindType : EnumerationGraphType<AuditEventKind>
{
    public AuditEventKindType()
    {
        Name = "AuditEventKind";
        Description = "What an audit event records.";
        Values["LOGIN_SUCCEEDED"]!.Description = "A user signed in with their password.";
        Values["LOGIN_FAILED"]!.Description = "A sign-in or token renewal was refused.";
        Values["TOKEN_GRANTED"]!.Description = "Tokens were issued after a sign-in.";
        Values["TOKEN_REFRESHED"]!.Description = "Tokens were renewed with a refresh token.";
        Values["TOKEN_REVOKED"]!.Description = "A token was revoked.";
        Values["CLIENT_REGISTERED"]!.Description = "An OAuth client was registered.";
        Values["CLIENT_REMOVED"]!.Description = "An OAuth client was removed.";
        Values["CONSENT_GRANTED"]!.Description = "A user let an OAuth client act for them.";
        Values["SCOPE_DENIED"]!.Description = "A client asked for a scope it may not have.";
        Values["DATA_EXPORTED"]!.Description = "A user exported their data.";
        Values["ACCOUNT_DELETED"]!.Description = "An account and its data were erased.";
    }
}

public sealed record DeleteAccountPayload(bool Deleted, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class DeleteAccountPayloadType : ObjectGraphType<DeleteAccountPayload>
{
    public DeleteAccountPayloadType()
    {
        Name = "DeleteAccountPayload";
        Description = "Whether the account was erased, or why not.";
        Field(p => p.Deleted).Description("True when the account and all its data are gone; its tokens no longer work.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public static class PrivacyFields
{
    public static void AddPrivacyQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<StringGraphType>>("dataExportUrl")
            .Description("Relative URL of everything the service holds about the signed-in user, as one zip archive; GET it with the same bearer token.")
            .RequireScope(ApiScopes.Account)
            .Resolve(_ => DataExportEndpoint.Path);

        query.Field<NonNullGraphType<AuditEventConnectionType>>("auditEvents")
            .Description("The audit log of security events, newest first. Administrators only.")
            .Argument<IntGraphType>("first", "Page size, 1 to 200. Default 50.")
            .Argument<StringGraphType>("after", "Cursor after which the page starts.")
            .Argument<IdGraphType>("userId", "Only the events of this user.")
            .Argument<AuditEventKindType>("kind", "Only events of this kind.")
            .RequireScope(ApiScopes.Admin)
            .ResolveAsync(async c =>
            {
                var userId = c.GetArgument<string?>("userId");
                return ConnectionResult.From(await c.QueryAsync(() => new ListAuditEventsQuery(
                    c.GetArgument("first", Cursor.DefaultPageSize),
                    c.GetArgument<string?>("after"),
                    userId is null ? null : new UserId(GlobalId.Decode(UserType.TypeName, userId, "userId")),
                    c.GetArgument<AuditEventKind?>("kind"))));
            });
    }

    public static void AddPrivacyMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DeleteAccountPayloadType>>("deleteMyAccount")
            .Description("Erases the signed-in user's account and all its data at once and for good; its tokens stop working. Export the data first (`dataExportUrl`).")
            .Argument<NonNullGraphType<StringGraphType>>("confirm", "The account's e-mail address, typed by the user to confirm.")
            .RequireScope(ApiScopes.Account)
            .ResolveAsync(async c => await c.MutateAsync(
                () => new DeleteMyAccountCommand(c.GetArgument<string>("confirm")),
                _ => new DeleteAccountPayload(true, []),
                errors => new DeleteAccountPayload(false, errors)));

        mutation.Field<NonNullGraphType<DeleteAccountPayloadType>>("deleteUser")
            .Description("Erases someone's account and all its data at once and for good. Administrators only.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The user.")
            .RequireScope(ApiScopes.Admin)
            .ResolveAsync(async c => await c.MutateAsync(
                () => new DeleteUserCommand(new UserId(GlobalId.Decode(UserType.TypeName, c.GetArgument<string>("id"), "id"))),
                _ => new DeleteAccountPayload(true, []),
                errors => new DeleteAccountPayload(false, errors)));
    }
}
