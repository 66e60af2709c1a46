using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Conversations;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Application.Reminders;
using CleanAssistant.Application.Voice;
using FluentValidation;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAssistant.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators, mapping configuration and the time source of the use cases. Hosts also call
    /// <c>AddMediator</c> with the behaviours in this order (the source generator reads that call):
    /// Logging, Authorization, Validation, UnitOfWork.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(ConfigureMapping());
        services.AddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInterpreter, OfflineInterpreter>();
        services.AddScoped<Assistant>();
        services.AddScoped<Privacy.DeleteMyAccount.AccountDeletion>();
        services.AddScoped<IDomainEventHandler, RemindersFollowEvents>();
        services.AddScoped<IDomainEventHandler, BriefingFollowsTimeZone>();
        services.AddSingleton<SpeechInput>();
        services.TryAddSingleton(new VoiceSettings());
        return services;
    }

    /// <summary>Registers every DTO's mapping (the <c>Mapping</c> classes beside them) in Mapster's global configuration.</summary>
    public static TypeAdapterConfig ConfigureMapping()
    {
        var config = TypeAdapterConfig.GlobalSettings;
        config.Scan(typeof(DependencyInjection).Assembly);
        return config;
    }
}
