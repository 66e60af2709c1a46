using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>An error a client can branch on, returned inside mutation payloads.</summary>
public sealed record UserError(string Code, string Message, string? Field = null);

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "Why a mutation did not do what was asked. Branch on `code`; show `message` to people.";
        Field(e => e.Code).Description("Stable machine-readable code, e.g. VALIDATION, NOT_FOUND, CONFLICT codes, or a domain rule such as INVALID_TIME_RANGE.");
        Field(e => e.Message).Description("Human-readable explanation, in English.");
        Field(e => e.Field, nullable: true).Description("The input field the error is about (camelCase), when there is one.");
    }
}

/// <summary>Mutation payloads: the result when it worked, the errors when it did not.</summary>
public interface IPayload
{
    IReadOnlyList<UserError> Errors { get; }
}
