using CleanAssistant.Application.Users;
using CleanAssistant.Domain.Users;
using CleanAssistant.WebApi.GraphQL.Common;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Users;

public sealed class UserType : ObjectGraphType<UserDto>
{
    public const string TypeName = "User";

    public UserType()
    {
        Name = TypeName;
        Description = "A person with an account.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the user.").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id.Value));
        Field(u => u.Email).Description("E-mail address used to sign in (lower case).");
        Field(u => u.DisplayName).Description("Name shown to people.");
        Field(u => u.TimeZone).Description("IANA time zone of the user, e.g. Europe/Berlin; the default zone of their new events.");
        Field<NonNullGraphType<UserRoleType>>("role").Description("What the user may do beyond their own data.").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When the account was created.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<UserPreferencesType>>("preferences").Description("Working hours and meeting preferences.").Resolve(c => c.Source.Preferences);
    }
}

public sealed record RegisterUserInput(string Email, string Password, string DisplayName, string? TimeZone);

public sealed class RegisterUserInputType : InputObjectGraphType<RegisterUserInput>
{
    public RegisterUserInputType()
    {
        Name = "RegisterUserInput";
        Description = "A new account. Then ask /connect/token for tokens with the same e-mail and password.";
        Field(i => i.Email).Description("E-mail address; it is the user name.");
        Field(i => i.Password).Description("At least 8 characters. Stored only as a slow salted hash.");
        Field(i => i.DisplayName).Description("Name shown to people.");
        Field(i => i.TimeZone, nullable: true).Description("IANA time zone, e.g. Europe/Berlin. Default UTC.");
    }
}

public sealed record UserPayload(UserDto? User, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class UserPayloadType : ObjectGraphType<UserPayload>
{
    public UserPayloadType()
    {
        Name = "UserPayload";
        Description = "The user, or why the mutation failed.";
        Field<UserType>("user").Description("The user; null when `errors` is not empty.").Resolve(c => c.Source.User);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public sealed class UserConnectionType() : ConnectionType<UserDto, UserType>(UserType.TypeName);

public sealed class UserRoleType : EnumerationGraphType<UserRole>
{
    public UserRoleType()
    {
        Name = "UserRole";
        Description = "What a user may do beyond their own data.";
        Values["USER"]!.Description = "A person using the assistant for their own calendars.";
        Values["ADMIN"]!.Description = "An operator: may also list users and manage the platform.";
    }
}
