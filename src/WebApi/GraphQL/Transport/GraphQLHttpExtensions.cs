using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>Wiring of the GraphQL over HTTP endpoint.</summary>
public static class GraphQLHttpExtensions
{
    /// <summary>
    /// Registers the endpoint's options. The GraphQL services themselves (schema, executer and
    /// the System.Text.Json serializer) come from <c>services.AddGraphQL(...)</c>.
    /// </summary>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services, Action<GraphQLHttpOptions>? configure = null)
    {
        var options = services.AddOptions<GraphQLHttpOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Serves the registered <see cref="ISchema"/> at <paramref name="pattern"/> by the GraphQL over
    /// HTTP spec: POST with a JSON body, GET for queries, every other method 405.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.MapGraphQLHttp<ISchema>(pattern);

    /// <summary>As <see cref="MapGraphQLHttp(IEndpointRouteBuilder, string)"/>, for one schema type of several.</summary>
    public static IEndpointConventionBuilder MapGraphQLHttp<TSchema>(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
        where TSchema : ISchema
    {
        var handler = ActivatorUtilities.CreateInstance<GraphQLHttpHandler<TSchema>>(endpoints.ServiceProvider);
        return endpoints.Map(pattern, handler.HandleAsync).WithDisplayName("GraphQL over HTTP " + pattern);
    }
}
