using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAssistant.WebApi.Tests.Support;

/// <summary>
/// The real server (Program.cs) on a fresh database of one provider, with keys in a temp folder.
/// <see cref="StartOnSocket"/> also puts it on Kestrel at a real port, for node and browser clients.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string ClientId = "cleanassistant-app";
    public const string Password = "correct horse battery";

    /// <summary>The mutation <see cref="SignUpAsync"/> sends (a server that runs only trusted documents must trust it).</summary>
    public const string RegisterMutation =
        "mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id email } errors { code message field } } }";

    private readonly TestDatabase _database;
    private readonly string _keysDirectory = Path.Combine(Path.GetTempPath(), $"cleanassistant-keys-{Guid.NewGuid():N}");

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    private ApiFactory(TestDatabase database, Dictionary<string, string?> settings, TimeProvider? time)
    {
        _database = database;
        _settings = settings;
        _time = time;
    }

    /// <param name="provider">Database of the server.</param>
    /// <param name="settings">Extra configuration, as appsettings keys ("Redis:Configuration").</param>
    /// <param name="time">The server's clock (a <c>FakeTimeProvider</c>); the system clock by default.</param>
    public static async Task<ApiFactory> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, Dictionary<string, string?>? settings = null, TimeProvider? time = null) =>
        new(await TestDatabase.CreateAsync(provider), settings ?? [], time);

    /// <summary>Starts the server on Kestrel at 127.0.0.1 on a free port and returns its base address.</summary>
    public Uri StartOnSocket()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Identity:KeysDirectory", _keysDirectory);
        builder.UseSetting("Security:PasswordHashing:Iterations", "10000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.RemoveAll<TimeProvider>().AddSingleton(_time));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_keysDirectory))
        {
            Directory.Delete(_keysDirectory, recursive: true);
        }
    }

    /// <summary>Registers through GraphQL and signs in through /connect/token, as a front end would.</summary>
    public async Task<ApiUser> SignUpAsync(string email, string timeZone = "Europe/Berlin")
    {
        using var client = CreateClient();
        var registered = await client.GraphQLAsync(
            RegisterMutation,
            new { input = new { email, password = Password, displayName = email.Split('@')[0], timeZone } });
        registered["data"]!["registerUser"]!["errors"]!.AsArray().ShouldBeEmpty();
        var tokens = await client.RequestTokensAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = ClientId,
            ["username"] = email,
            ["password"] = Password,
            ["scope"] = "offline_access api",
        });
        return new ApiUser(email, tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!);
    }

    public HttpClient CreateClient(ApiUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        return client;
    }
}

public sealed record ApiUser(string Email, string AccessToken, string RefreshToken);

public static class ApiClientExtensions
{
    /// <summary>POSTs a GraphQL request and returns the response body (whatever the status code).</summary>
    public static async Task<JsonNode> GraphQLAsync(this HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body) ?? throw new InvalidOperationException($"Empty GraphQL response ({(int)response.StatusCode}).");
    }

    /// <summary>The first GraphQL error's code, or null when there is none.</summary>
    public static string? ErrorCode(this JsonNode result) =>
        result["errors"]?.AsArray().FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();

    public static async Task<JsonElement> RequestTokensAsync(this HttpClient client, Dictionary<string, string> form)
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue($"token request failed: {json}");
        return json;
    }
}
