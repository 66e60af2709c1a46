using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;

namespace CleanAssistant.WebApi.Tests.Transport;

/// <summary>A schema just big enough to exercise the transport, independent of the real one.</summary>
public sealed class TransportTestSchema : Schema
{
    public const string SecretMessage = "connection to db-secret-host failed for user admin";

    public TransportTestSchema(IServiceProvider services)
        : base(services)
    {
        Query = new TransportTestQuery();
        Mutation = new TransportTestMutation();
    }
}

public sealed class TransportTestQuery : ObjectGraphType
{
    public TransportTestQuery()
    {
        Name = "Query";
        Description = "Test queries.";

        Field<StringGraphType>("hello")
            .Description("Greets someone.")
            .Argument<StringGraphType>("name", "Who to greet.", a => a.DefaultValue = "World")
            .Resolve(context => $"Hello, {context.GetArgument<string>("name")}!");

        Field<StringGraphType>("boom")
            .Description("Always fails with an unexpected exception.")
            .Resolve(_ => throw new InvalidOperationException(TransportTestSchema.SecretMessage));

        Field<NonNullGraphType<StringGraphType>>("nonNullBoom")
            .Description("Fails on a non-null field, so the error nulls the whole data.")
            .Resolve(_ => throw new InvalidOperationException(TransportTestSchema.SecretMessage));

        Field<StringGraphType>("missing")
            .Description("Fails with an exception the host translates to NOT_FOUND.")
            .Resolve(_ => throw new KeyNotFoundException("No such thing."));

        Field<StringGraphType>("denied")
            .Description("Fails with an ExecutionError, as resolvers report expected failures.")
            .Resolve(_ => throw new ExecutionError("Not allowed here.") { Code = "FORBIDDEN" });

        Field<StringGraphType>("requestId")
            .Description("The UserContext entry the host's ConfigureExecution hook sets.")
            .Resolve(context => context.UserContext.TryGetValue("requestId", out var id) ? id?.ToString() : null);

        Field<StringGraphType>("slow")
            .Description("Waits until the execution is cancelled, as a stuck database call would.")
            .ResolveAsync(async context =>
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return "never";
            });

        Field<BooleanGraphType>("sameRequestServices")
            .Description("Whether resolvers see the HTTP request's service scope.")
            .Resolve(context =>
            {
                var accessor = context.RequestServices!.GetService(typeof(IHttpContextAccessor)) as IHttpContextAccessor;
                return ReferenceEquals(accessor?.HttpContext?.RequestServices, context.RequestServices);
            });
    }
}

public sealed class TransportTestMutation : ObjectGraphType
{
    public TransportTestMutation()
    {
        Name = "Mutation";
        Description = "Test mutations.";

        Field<NonNullGraphType<IntGraphType>>("sum")
            .Description("Adds two numbers.")
            .Argument<NonNullGraphType<IntGraphType>>("a", "First addend.")
            .Argument<NonNullGraphType<IntGraphType>>("b", "Second addend.")
            .Resolve(context => context.GetArgument<int>("a") + context.GetArgument<int>("b"));
    }
}

/// <summary>An extra validation rule, as the host adds depth or complexity limits, keyed on the operation name.</summary>
public sealed class TransportTestValidationRule : ValidationRuleBase
{
    public const string RejectedOperation = "RejectedByRule";
    public const string ThrowingOperation = "ThrowsInRule";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        switch (context.Operation.Name?.StringValue)
        {
            case RejectedOperation:
                context.ReportError(new ValidationError("Rejected by the host's rule.") { Code = "REJECTED_BY_RULE" });
                break;
            case ThrowingOperation:
                throw new InvalidOperationException(TransportTestSchema.SecretMessage);
        }

        return default;
    }
}
