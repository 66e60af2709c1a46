namespace CleanAssistant.WebApi.Security;

/// <summary>Cross-origin access for browser front ends on other origins, by configuration only.</summary>
public static class CorsSetup
{
    public const string SectionName = "Cors:AllowedOrigins";

    /// <summary>
    /// The default CORS policy: the origins listed in <c>Cors:AllowedOrigins</c> (none by default, so no
    /// cross-origin browser access), GET and POST with any header, never with credentials: the API takes
    /// bearer tokens, not cookies.
    /// </summary>
    public static IServiceCollection AddConfiguredCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(SectionName).Get<string[]>() ?? [];
        return services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .AllowAnyHeader()
            .WithExposedHeaders("X-Correlation-ID")));
    }
}
