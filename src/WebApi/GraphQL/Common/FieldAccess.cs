using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>
/// Who may resolve a field: anyone, any signed-in caller, or a caller whose token has a scope (see ApiScopes).
/// Every field of Query, Mutation and Subscription declares one (a test enforces it); a field of another type
/// declares one only where it needs more than the field that leads to it. A root field that declares none is
/// refused to everyone.
/// </summary>
public sealed record FieldAccess(bool SignInRequired, string? Scope)
{
    private const string MetadataKey = "CleanAssistant.FieldAccess";

    public static FieldAccess Anyone { get; } = new(SignInRequired: false, Scope: null);

    public static FieldAccess SignedIn { get; } = new(SignInRequired: true, Scope: null);

    public static FieldAccess WithScope(string scope) => new(SignInRequired: true, scope);

    /// <summary>What a root field that declares nothing gets: refused, so forgetting to declare opens nothing.</summary>
    internal static FieldAccess Undeclared { get; } = new(SignInRequired: true, Scope: null) { Refused = true };

    private bool Refused { get; init; }

    /// <summary>What <paramref name="field"/> declares; null when it declares nothing.</summary>
    public static FieldAccess? Of(FieldType field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.GetMetadata<FieldAccess?>(MetadataKey);
    }

    internal void DeclareOn(FieldType field) => field.WithMetadata(MetadataKey, this);

    /// <summary>Throws the GraphQL error (UNAUTHENTICATED or FORBIDDEN) that keeps this caller from the field.</summary>
    internal void Demand(IResolveFieldContext context)
    {
        if (!SignInRequired)
        {
            return;
        }

        var caller = context.RequestServices!.GetRequiredService<ICurrentUser>();
        if (caller.Id is null)
        {
            throw MediatorResolvers.ToExecutionError(new UnauthenticatedException());
        }

        if (Refused)
        {
            throw MediatorResolvers.ToExecutionError(new ForbiddenException($"`{context.FieldDefinition.Name}` declares no access rule, so it is refused."));
        }

        if (Scope is not null && !caller.HasScope(Scope))
        {
            throw MediatorResolvers.ToExecutionError(new ForbiddenException(
                $"`{context.FieldDefinition.Name}` needs the '{Scope}' scope, which this access token was not granted."));
        }
    }
}

/// <summary>Declares a field's <see cref="FieldAccess"/>.</summary>
public static class FieldAccessExtensions
{
    /// <summary>Only for a signed-in caller whose token has <paramref name="scope"/> (or a scope that includes it).</summary>
    public static FieldBuilder<TSource, TReturn> RequireScope<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string scope) =>
        Declare(field, FieldAccess.WithScope(scope));

    /// <summary>For any signed-in caller, whatever the token's scopes.</summary>
    public static FieldBuilder<TSource, TReturn> RequireSignedIn<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        Declare(field, FieldAccess.SignedIn);

    /// <summary>For anyone, with or without a token.</summary>
    public static FieldBuilder<TSource, TReturn> AllowAnonymous<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        Declare(field, FieldAccess.Anyone);

    private static FieldBuilder<TSource, TReturn> Declare<TSource, TReturn>(FieldBuilder<TSource, TReturn> field, FieldAccess access)
    {
        ArgumentNullException.ThrowIfNull(field);
        access.DeclareOn(field.FieldType);
        return field;
    }
}

/// <summary>
/// Puts each field's <see cref="FieldAccess"/> in front of its resolver and, for a subscription, of its source
/// stream, so a refused field resolves to null with the error and its resolver never runs.
/// </summary>
internal sealed class FieldAccessVisitor : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        var isRoot = type == schema.Query || type == schema.Mutation || type == schema.Subscription;
        var access = FieldAccess.Of(field) ?? (isRoot ? FieldAccess.Undeclared : null);
        if (access is null || !access.SignInRequired || field.Resolver is Guarded)
        {
            return;
        }

        field.Resolver = new Guarded(access, field.Resolver ?? NameFieldResolver.Instance);
        if (field.StreamResolver is { } stream)
        {
            field.StreamResolver = new GuardedStream(access, stream);
        }
    }

    private sealed class Guarded(FieldAccess access, IFieldResolver inner) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
        {
            access.Demand(context);
            return inner.ResolveAsync(context);
        }
    }

    private sealed class GuardedStream(FieldAccess access, ISourceStreamResolver inner) : ISourceStreamResolver
    {
        public ValueTask<IObservable<object?>> ResolveAsync(IResolveFieldContext context)
        {
            access.Demand(context);
            return inner.ResolveAsync(context);
        }
    }
}
