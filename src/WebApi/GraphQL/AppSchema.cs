using CleanAssistant.WebApi.GraphQL.Common;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL;

/// <summary>The CleanAssistant GraphQL schema.</summary>
public sealed class AppSchema : Schema
{
    public AppSchema(IServiceProvider services)
        : base(services)
    {
        Description = "CleanAssistant: calendars, events and the assistant that runs them.";
        RegisterTypeMapping(typeof(Instant), typeof(InstantGraphType));
        RegisterTypeMapping(typeof(LocalDate), typeof(LocalDateGraphType));
        RegisterTypeMapping(typeof(LocalTime), typeof(LocalTimeGraphType));
        RegisterTypeMapping(typeof(LocalDateTime), typeof(LocalDateTimeGraphType));
        Query = services.GetRequiredService<QueryType>();
        Mutation = services.GetRequiredService<MutationType>();
        Subscription = services.GetRequiredService<SubscriptionType>();
        RegisterVisitor(new FieldAccessVisitor());
    }
}
