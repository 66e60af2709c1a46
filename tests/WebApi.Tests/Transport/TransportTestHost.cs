using System.Collections.Concurrent;
using CleanAssistant.WebApi.GraphQL.Transport;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.WebApi.Tests.Transport;

/// <summary>
/// The transport and the IDE on Kestrel at 127.0.0.1 on a free port, with
/// <see cref="TransportTestSchema"/>, wired as Program.cs is expected to wire them.
/// </summary>
public class TransportTestHost : IAsyncLifetime
{
    private readonly Action<GraphQLHttpOptions>? _configure;
    private WebApplication? _app;

    public TransportTestHost()
    {
    }

    /// <param name="configure">More settings of the endpoint, after the usual ones.</param>
    protected TransportTestHost(Action<GraphQLHttpOptions> configure) => _configure = configure;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri GraphQLEndpoint => new(BaseAddress, "/graphql");

    public HttpClient Client { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<TransportTestSchema>()
            .AddSystemTextJson());
        builder.Services.AddGraphQLHttp(options =>
        {
            options.ValidationRules.Add(new TransportTestValidationRule());
            options.TranslateException = ex => ex is KeyNotFoundException
                ? new ExecutionError(ex.Message) { Code = "NOT_FOUND" }
                : null;
            options.ConfigureExecution = (context, execution) =>
            {
                execution.UserContext["requestId"] = context.TraceIdentifier;
                return Task.CompletedTask;
            };
            _configure?.Invoke(options);
        });

        _app = builder.Build();
        _app.UseGraphQLIde();
        _app.MapGraphQLHttp();
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Keeps log entries so tests can see what the server logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
