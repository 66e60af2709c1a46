using System.CommandLine;
using CleanAssistant.Application;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Common;
using CleanAssistant.Infrastructure;
using CleanAssistant.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Cli;

/// <summary>
/// The CLI's composition root: the server's configuration sources, the same Application and
/// Infrastructure registrations, and the one place where failures become exit codes.
/// </summary>
public sealed class CliHost(CliConsole console, IReadOnlyDictionary<string, string?>? settings = null)
{
    /// <summary>Environment variables with this prefix configure the server and the CLI alike.</summary>
    public const string EnvironmentPrefix = "CLEANASSISTANT__";

    public CliConsole Console => console;

    public Option<DatabaseProvider?> DatabaseProviderOption { get; } = new("--database-provider")
    {
        Description = "Overrides Database:Provider: Sqlite (embedded) or Postgres (distributed).",
        Recursive = true,
    };

    public Option<string?> ConnectionStringOption { get; } = new("--connection-string")
    {
        Description = "Overrides Database:ConnectionString. Arguments show in `ps`: put a password in "
            + "CLEANASSISTANT__DATABASE__CONNECTIONSTRING instead.",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "Log at Information level and print full error details.",
        Recursive = true,
    };

    public void AddGlobalOptions(Command root)
    {
        root.Options.Add(DatabaseProviderOption);
        root.Options.Add(ConnectionStringOption);
        root.Options.Add(VerboseOption);
    }

    /// <summary>
    /// Builds the services for one command, runs it in a DI scope and maps its failure to an exit code.
    /// <paramref name="fieldLabels"/> names the option a validation failure is about (by camelCase field).
    /// </summary>
    public async Task<int> RunAsync(
        ParseResult parseResult,
        Func<IServiceProvider, CancellationToken, Task<int>> command,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? fieldLabels = null)
    {
        var verbose = parseResult.GetValue(VerboseOption);
        ServiceProvider services;
        try
        {
            services = BuildServices(parseResult, verbose);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OptionsValidationException)
        {
            return Fail(ExitCodes.Usage, $"the configuration is not valid: {Describe(exception)}", exception, verbose);
        }

        await using (services)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                return await command(scope.ServiceProvider, cancellationToken);
            }
            catch (ValidationException exception)
            {
                console.Error.WriteLine("error: the input is not valid:");
                foreach (var failure in exception.Failures)
                {
                    var label = failure.Field is null ? "input" : fieldLabels?.GetValueOrDefault(failure.Field) ?? failure.Field;
                    console.Error.WriteLine($"  {label}: {failure.Message}");
                }

                return ExitCodes.Rejected;
            }
            catch (AppException exception)
            {
                return Fail(ExitCodes.Rejected, $"{exception.Message} ({exception.Code})");
            }
            catch (DomainException exception)
            {
                return Fail(ExitCodes.Rejected, $"{exception.Message} ({exception.Code})");
            }
            catch (OptionsValidationException exception)
            {
                return Fail(ExitCodes.Usage, $"the configuration is not valid: {exception.Message}", exception, verbose);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(ExitCodes.Unexpected, "cancelled.");
            }
#pragma warning disable CA1031 // The last stop before the shell: every failure becomes a message and an exit code.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                return Fail(ExitCodes.Unexpected, Describe(exception), exception, verbose);
            }
        }
    }

    /// <summary>Prints <c>error: message</c> on the error stream and returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string message, Exception? exception = null, bool verbose = false)
    {
        console.Error.WriteLine($"error: {message}");
        if (exception is not null)
        {
            console.Error.WriteLine(verbose ? exception.ToString() : "(run again with --verbose for details)");
        }

        return exitCode;
    }

    private ServiceProvider BuildServices(ParseResult parseResult, bool verbose)
    {
        var configuration = BuildConfiguration(parseResult);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Logs go to stderr, so stdout holds only the command's own output. EF Core's failures reach
        // the operator as our error message; its log lines (and query warnings) only with --verbose.
        services.AddLogging(logging => logging
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", verbose ? LogLevel.Information : LogLevel.None)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", verbose ? LogLevel.Warning : LogLevel.None)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

        // The same call as the server's: the source generator reads this lambda.
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CleanAssistant.Application.DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(CleanAssistant.Application.Common.Behaviours.LoggingBehaviour<,>),
                typeof(CleanAssistant.Application.Common.Behaviours.AuthorizationBehaviour<,>),
                typeof(CleanAssistant.Application.Common.Behaviours.ValidationBehaviour<,>),
                typeof(CleanAssistant.Application.Common.Behaviours.UnitOfWorkBehaviour<,>),
            ];
        });
        services
            .AddApplication()
            .AddInfrastructure(configuration);
        services.AddScoped<CliCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CliCurrentUser>());

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            // What Host does at start for ValidateOnStart: bad configuration fails before any work.
            provider.GetService<IStartupValidator>()?.Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>The server's sources, in its order, then the test's settings, then the command-line overrides.</summary>
    private IConfigurationRoot BuildConfiguration(ParseResult parseResult)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (parseResult.GetValue(DatabaseProviderOption) is { } provider)
        {
            overrides[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"] = provider.ToString();
        }

        if (parseResult.GetValue(ConnectionStringOption) is { Length: > 0 } connectionString)
        {
            overrides[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)}"] = connectionString;
        }

        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .AddInMemoryCollection(overrides)
            .Build();
    }

    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message, StringComparer.Ordinal))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(" ", messages);
    }
}
