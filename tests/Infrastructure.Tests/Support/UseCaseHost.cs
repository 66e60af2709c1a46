using CleanAssistant.Application;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CleanAssistant.Infrastructure.Tests.Support;

/// <summary>
/// The use cases wired exactly as the hosts wire them (mediator pipeline, real database of one
/// provider), with a caller and a clock the test controls.
/// </summary>
public sealed class UseCaseHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    private UseCaseHost(ServiceProvider services, TestDatabase database, FakeTimeProvider clock, bool ownsDatabase)
    {
        _services = services;
        _database = database;
        _ownsDatabase = ownsDatabase;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public DatabaseProvider Provider => _database.Provider;

    public IServiceProvider Services => _services;

    /// <summary>Starts on a fresh database; <paramref name="settings"/> add to (or override) the configuration.</summary>
    public static async Task<UseCaseHost> StartAsync(DatabaseProvider provider, IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        await StartAsync(await TestDatabase.CreateAsync(provider), settings, ownsDatabase: true);

    /// <summary>Starts on <paramref name="database"/>, which outlives the host unless it <paramref name="ownsDatabase"/> (a restart is a second host on it).</summary>
    public static async Task<UseCaseHost> StartAsync(TestDatabase database, IEnumerable<KeyValuePair<string, string?>>? settings, bool ownsDatabase)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings)
            .AddInMemoryCollection([new("Security:PasswordHashing:Iterations", "10000")])
            .AddInMemoryCollection(settings ?? [])
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Application.DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(Application.Common.Behaviours.LoggingBehaviour<,>),
                typeof(Application.Common.Behaviours.AuthorizationBehaviour<,>),
                typeof(Application.Common.Behaviours.ValidationBehaviour<,>),
                typeof(Application.Common.Behaviours.UnitOfWorkBehaviour<,>),
            ];
        });
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddScoped<TestCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(clock);
        var host = new UseCaseHost(services.BuildServiceProvider(validateScopes: true), database, clock, ownsDatabase);
        await using var scope = host._services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Sends one message in its own scope (as one request would), as <paramref name="user"/> or anonymously.</summary>
    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, UserDto? user = null)
    {
        await using var scope = CreateScope(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, UserDto? user = null)
    {
        await using var scope = CreateScope(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    public Task<UserDto> RegisterAsync(string email = "ann@example.com", string timeZone = "Europe/Berlin") =>
        SendAsync(new RegisterUserCommand(email, "correct horse battery", email.Split('@')[0], timeZone));

    /// <summary>A scope with its own DbContext, for looking at what the database really holds.</summary>
    public AsyncServiceScope CreateScope(UserDto? user = null)
    {
        var scope = _services.CreateAsyncScope();
        var currentUser = scope.ServiceProvider.GetRequiredService<TestCurrentUser>();
        currentUser.Id = user?.Id;
        currentUser.Role = user?.Role;
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private sealed class TestCurrentUser : ICurrentUser
    {
        public UserId? Id { get; set; }

        public UserRole? Role { get; set; }

        public bool IsInRole(UserRole role) => Role is { } r && (r == role || r == UserRole.Admin);

        public bool HasScope(string scope) => true;
    }
}
