using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Infrastructure.Reminders;
using CleanAssistant.WebApi.GraphQL;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Transport;
using CleanAssistant.WebApi.Identity;
using CleanAssistant.WebApi.Operability;
using CleanAssistant.WebApi.RateLimiting;
using GraphQL;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using Serilog;
using Serilog.Formatting.Compact;

namespace CleanAssistant.WebApi;

public static class DependencyInjection
{
    /// <summary>The HTTP host: logging, identity server, GraphQL schema and transport, health, problem details, rate limits, reminder delivery.</summary>
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter()));

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddProblemDetails();
        services.AddIdentityServer(configuration);
        services.AddOperabilityHealthChecks(configuration);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<AppSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(AppSchema).Assembly)
            .AddComplexityAnalyzer(complexity =>
            {
                complexity.MaxDepth = configuration.GetValue("GraphQL:MaxDepth", 12);
                complexity.MaxComplexity = configuration.GetValue("GraphQL:MaxComplexity", 5_000);
                complexity.ValidateComplexityDelegate = AllowSchemaIntrospection;
            }));
        services.AddGraphQLHttp();
        services.AddGraphQLWebSockets();
        services.AddRateLimits();
        services.AddScoped<BatchLoaders>();
        if (configuration.GetValue("Reminders:RunServer", true))
        {
            services.AddReminderServer();
        }

        return services;
    }

    /// <summary>
    /// An IDE's introspection query is deep and wide by nature and reads no user data, so it gets its own,
    /// looser bounds; the configured limits are for data queries. The estimate grows with the number of types
    /// (about 12,000 per type for the IDE's query), so the bound leaves room for the schema to grow tenfold.
    /// </summary>
    private const double MaxIntrospectionImpact = 10_000_000;

    private static Task AllowSchemaIntrospection(ComplexityValidationContext context)
    {
        var onlyIntrospection = context.ValidationContext.Operation.SelectionSet.Selections
            .All(s => s is GraphQLField field && field.Name.StringValue.StartsWith("__", StringComparison.Ordinal));
        if (onlyIntrospection && context.TotalImpact <= MaxIntrospectionImpact && context.MaxDepth <= 20)
        {
            context.Error = null;
        }

        return Task.CompletedTask;
    }
}
