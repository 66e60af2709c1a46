using GraphQL;
using GraphQL.Types;

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

        Field<StringGraphType>("requestId")
            .Description("The UserContext entry the host's ConfigureExecution hook sets.")
            .Resolve(context => context.UserContext.TryGetValue("requestId", out var id) ? id?.ToString() : null);

        Field<BooleanGraphType>("sameRequestServices")
            .Description("Whether resolvers see the HTTP request's service scope.")
            .Resolve(context =>
            {
                var accessor = context.RequestServices!.GetService(typeof(Microsoft.AspNetCore.Http.IHttpContextAccessor))
                    as Microsoft.AspNetCore.Http.IHttpContextAccessor;
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
