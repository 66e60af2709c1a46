using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>Wiring of the GraphQL over HTTP endpoint.</summary>
public static class GraphQLHttpExtensions
{
    /// <summary>The configuration section the endpoint's limits are bound to.</summary>
    public const string LimitsSectionName = "GraphQL:Limits";

    /// <summary>
    /// Registers the endpoint's options, bound to <c>GraphQL:Limits</c> and checked at startup, the trusted documents
    /// of <c>GraphQL:TrustedDocuments</c> (and the system clock, unless the app registered a <see cref="TimeProvider"/>).
    /// The GraphQL services themselves (schema, executer and the System.Text.Json serializer) come from
    /// <c>services.AddGraphQL(...)</c>.
    /// </summary>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services, Action<GraphQLHttpOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TrustedDocumentsOptions>().BindConfiguration(TrustedDocumentsOptions.SectionName);
        services.TryAddSingleton<TrustedDocumentStore>();
        var options = services.AddOptions<GraphQLHttpOptions>()
            .BindConfiguration(LimitsSectionName)
            .Validate(o => o.IsValid(), $"{LimitsSectionName}: MaxRequestBytes at least 1024, upload limits at least 1, field and alias limits and ExecutionTimeout not negative.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Registers the graphql-transport-ws settings, bound to <c>GraphQL:WebSocket</c> and checked at startup.
    /// The endpoint mapped by <c>MapGraphQLHttp</c> serves WebSocket requests once <c>UseWebSockets</c> runs.
    /// </summary>
    public static IServiceCollection AddGraphQLWebSockets(this IServiceCollection services)
    {
        services.AddOptions<GraphQLWebSocketOptions>()
            .BindConfiguration(GraphQLWebSocketOptions.SectionName)
            .Validate(o => o.IsValid(), $"{GraphQLWebSocketOptions.SectionName}: timeouts must be positive, limits at least 1 (MaxMessageBytes at least 1024).")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Serves the registered <see cref="ISchema"/> at <paramref name="pattern"/> by the GraphQL over
    /// HTTP spec: POST with a JSON body, GET for queries, every other method 405; WebSocket requests
    /// (with <c>UseWebSockets</c>) get the graphql-transport-ws protocol.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.MapGraphQLHttp<ISchema>(pattern);

    /// <summary>As <see cref="MapGraphQLHttp(IEndpointRouteBuilder, string)"/>, for one schema type of several.</summary>
    public static IEndpointConventionBuilder MapGraphQLHttp<TSchema>(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
        where TSchema : ISchema
    {
        // Loaded now, so a wrong trusted-documents file stops the start instead of the first request.
        endpoints.ServiceProvider.GetRequiredService<TrustedDocumentStore>();
        var http = ActivatorUtilities.CreateInstance<GraphQLHttpHandler<TSchema>>(endpoints.ServiceProvider);
        var webSocket = ActivatorUtilities.CreateInstance<GraphQLWebSocketHandler<TSchema>>(endpoints.ServiceProvider);
        return endpoints
            .Map(pattern, context => context.WebSockets.IsWebSocketRequest ? webSocket.HandleAsync(context) : http.HandleAsync(context))
            .WithDisplayName("GraphQL over HTTP and WebSocket " + pattern)
            .WithMetadata(RateLimiting.LimitsItselfMetadata.Instance);
    }
}
