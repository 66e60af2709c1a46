using CleanAssistant.Application.Common.Interfaces;

namespace CleanAssistant.WebApi.Identity;

/// <summary>The REST endpoints' side of the API scopes (GraphQL fields declare theirs with FieldAccess).</summary>
internal static class EndpointScopes
{
    /// <summary>
    /// Only for a signed-in caller whose token has one of <paramref name="anyOf"/> (or a scope that includes it):
    /// no token is 401, a token without the scope 403.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, params string[] anyOf)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.Resource is HttpContext http
                && anyOf.Any(http.RequestServices.GetRequiredService<ICurrentUser>().HasScope)));
}
