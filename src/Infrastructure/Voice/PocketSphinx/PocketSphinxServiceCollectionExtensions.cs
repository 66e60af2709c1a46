using CleanAssistant.Application.Voice;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

public static class PocketSphinxServiceCollectionExtensions
{
    /// <summary>
    /// The local speech engine (<see cref="PocketSphinxRecognizer"/>, options from <c>Voice:PocketSphinx</c>, checked at start),
    /// registered as itself and as one <see cref="ISpeechRecognizer"/>; the speech chain puts it last.
    /// </summary>
    public static IServiceCollection AddPocketSphinx(this IServiceCollection services, Action<PocketSphinxOptions>? configure = null)
    {
        var options = services.AddOptions<PocketSphinxOptions>().BindConfiguration(PocketSphinxOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations()
            .Validate(o => Directory.Exists(o.AcousticModel), "Voice:PocketSphinx:AcousticModel is not a directory.")
            .Validate(o => File.Exists(o.Dictionary), "Voice:PocketSphinx:Dictionary does not exist.")
            .Validate(o => o.LanguageModel != PocketSphinxLanguageModel.Generic || File.Exists(o.GenericLanguageModel), "Voice:PocketSphinx:GenericLanguageModel does not exist.")
            .ValidateOnStart();
        services.TryAddSingleton<PocketSphinxRecognizer>();
        services.AddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<PocketSphinxRecognizer>());
        return services;
    }
}
