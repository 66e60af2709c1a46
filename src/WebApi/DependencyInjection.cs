using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Infrastructure.Reminders;
using CleanAssistant.WebApi.GraphQL;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Transport;
using CleanAssistant.WebApi.Identity;
using CleanAssistant.WebApi.Operability;
using CleanAssistant.WebApi.Security;
using CleanAssistant.WebApi.RateLimiting;
using GraphQL;
using GraphQL.Validation;
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
        services.AddConfiguredCors(configuration);
        services.AddIdentityServer(configuration);
        services.AddOperabilityHealthChecks(configuration);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<AppSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(AppSchema).Assembly)
            .AddComplexityAnalyzer(complexity =>
            {
                complexity.MaxDepth = configuration.GetValue($"{GraphQLHttpExtensions.LimitsSectionName}:MaxDepth", 12);
                complexity.MaxComplexity = configuration.GetValue($"{GraphQLHttpExtensions.LimitsSectionName}:MaxComplexity", 5_000);
                complexity.ValidateComplexityDelegate = ExplainOrAllowComplexity;

                // Lists cost their `first` argument (or 5 without one); a negative or zero `first` must not make a
                // document cheaper than it is.
                var impactOf = complexity.DefaultComplexityImpactDelegate;
                complexity.DefaultComplexityImpactDelegate = field =>
                {
                    var result = impactOf(field);
                    return new FieldComplexityResult(result.FieldImpact, Math.Max(1, result.ChildImpactMultiplier));
                };
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

    public const string QueryTooDeepCode = "QUERY_TOO_DEEP";
    public const string QueryTooComplexCode = "QUERY_TOO_COMPLEX";

    /// <summary>Lets the IDE's introspection through, and gives a refused document a code saying which limit it broke.</summary>
    private static Task ExplainOrAllowComplexity(ComplexityValidationContext context)
    {
        if (context.Error is null)
        {
            return Task.CompletedTask;
        }

        var onlyIntrospection = context.ValidationContext.Operation.SelectionSet.Selections
            .All(s => s is GraphQLField field && field.Name.StringValue.StartsWith("__", StringComparison.Ordinal));
        if (onlyIntrospection && context.TotalImpact <= MaxIntrospectionImpact && context.MaxDepth <= 20)
        {
            context.Error = null;
        }
        else if (context.MaxDepth > context.Configuration.MaxDepth)
        {
            context.Error = new ValidationError($"The query's depth is {context.MaxDepth} levels; at most {context.Configuration.MaxDepth} are allowed. Ask for nested data in separate queries.")
            {
                Code = QueryTooDeepCode,
            };
        }
        else
        {
            context.Error = new ValidationError($"The query's estimated cost is {context.TotalImpact:0}; at most {context.Configuration.MaxComplexity} is allowed. Ask for fewer items (first) or fewer nested lists.")
            {
                Code = QueryTooComplexCode,
            };
        }

        return Task.CompletedTask;
    }
}
