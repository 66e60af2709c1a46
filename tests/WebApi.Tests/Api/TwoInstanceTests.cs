using System.Net.Http.Headers;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using CleanAssistant.WebApi.Tests.Support;
using CleanAssistant.WebApi.Tests.WebSockets;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>
/// Distributed mode for real: two server processes on one PostgreSQL database and one Redis, sharing signing keys
/// and issuer, as behind a load balancer.
/// </summary>
[Collection(Cluster.Collection)]
public sealed class TwoInstanceTests
{
    [Fact]
    public async Task ATokenFromOneInstance_WorksOnTheOther_AndAChangeOnOneReachesASubscriberOnTheOther()
    {
        await using var cluster = await Cluster.StartAsync();
        using var first = new HttpClient { BaseAddress = cluster.One.Address };
        using var second = new HttpClient { BaseAddress = cluster.Other.Address };

        var registered = await first.GraphQLAsync(
            "mutation { registerUser(input: { email: \"ann@example.com\", password: \"correct horse battery\", displayName: \"Ann\", timeZone: \"Europe/Berlin\" }) { errors { code } } }");
        registered["data"]!["registerUser"]!["errors"]!.AsArray().ShouldBeEmpty(cluster.Logs);
        var tokens = await first.RequestTokensAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = ApiFactory.ClientId,
            ["username"] = "ann@example.com",
            ["password"] = "correct horse battery",
            ["scope"] = "offline_access api",
        });
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        first.DefaultRequestHeaders.Authorization = second.DefaultRequestHeaders.Authorization;

        var created = await second.GraphQLAsync("mutation { createEvent(input: { title: \"Dentist\", start: \"2026-12-01T09:00:00Z\" }) { event { id } errors { code } } }");
        created.ErrorCode().ShouldBeNull(cluster.Logs);
        var id = created["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();

        var read = await first.GraphQLAsync("query($id: ID!) { event(id: $id) { title } }", new { id });
        read["data"]!["event"]!["title"]!.GetValue<string>().ShouldBe("Dentist");

        // A subscriber on the second instance hears a change made through the first (through Redis).
        await using var subscriber = await GraphQLWsTestClient.ConnectAndInitAsync(cluster.Other.Address, tokens.GetProperty("access_token").GetString()!);
        await subscriber.SubscribeAsync("live", "subscription { calendarChanged { kind eventId event { title } } }");
        await subscriber.SubscribeAsync("ready", "{ __typename }");
        (await subscriber.ReceiveSkippingPingsAsync())!["id"]!.GetValue<string>().ShouldBe("ready");
        (await subscriber.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");

        var moved = await first.GraphQLAsync("mutation($id: ID!) { updateEvent(input: { id: $id, title: \"Dentist (moved)\" }) { errors { code } } }", new { id });
        moved.ErrorCode().ShouldBeNull(cluster.Logs);

        var heard = await subscriber.ReceiveSkippingPingsAsync();
        heard.ShouldNotBeNull(cluster.Logs);
        heard["type"]!.GetValue<string>().ShouldBe("next", heard.ToJsonString());
        var change = heard["payload"]!["data"]!["calendarChanged"]!;
        change["kind"]!.GetValue<string>().ShouldBe("UPDATED");
        change["eventId"]!.GetValue<string>().ShouldBe(id);
        change["event"]!["title"]!.GetValue<string>().ShouldBe("Dentist (moved)");
    }

    /// <summary>Two instances of the server on one fresh PostgreSQL database and the test Redis.</summary>
    internal sealed class Cluster : IAsyncDisposable
    {
        /// <summary>The tests that start a cluster run one at a time: four servers starting at once starve the machine.</summary>
        public const string Collection = "Two instances";

        private readonly TestDatabase _database;
        private readonly string _keys;

        private Cluster(TestDatabase database, string keys, WebApiProcess one, WebApiProcess other)
        {
            _database = database;
            _keys = keys;
            One = one;
            Other = other;
        }

        public WebApiProcess One { get; }

        public WebApiProcess Other { get; }

        /// <summary>The instances' shared database, for tests that look at what they stored.</summary>
        public string ConnectionString => _database.ConnectionString;

        public string Logs => $"--- one ---\n{One.Output}\n--- other ---\n{Other.Output}";

        /// <summary>Starts both instances; <paramref name="settings"/> are added to (or override) the common ones.</summary>
        public static async Task<Cluster> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
        {
            var redis = Environment.GetEnvironmentVariable("CLEANASSISTANT_TEST_REDIS")
                ?? throw new InvalidOperationException("CLEANASSISTANT_TEST_REDIS is not set: run the tests with ./build.sh test, or start the servers with ./build.sh services.");
            var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            var keys = Path.Combine(Path.GetTempPath(), $"cleanassistant-keys-{Guid.NewGuid():N}");
            var all = new Dictionary<string, string?>(database.Settings)
            {
                ["Redis:Configuration"] = redis,
                ["Identity:KeysDirectory"] = keys,
                ["Identity:Issuer"] = "http://cleanassistant.test/",
                ["Security:PasswordHashing:Iterations"] = "10000",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            // One after the other: the first migrates the database and creates the signing keys the second reads.
            var one = await WebApiProcess.StartAsync(all);
            var other = await WebApiProcess.StartAsync(all);
            return new Cluster(database, keys, one, other);
        }

        public async ValueTask DisposeAsync()
        {
            await One.DisposeAsync();
            await Other.DisposeAsync();
            await _database.DisposeAsync();
            if (Directory.Exists(_keys))
            {
                Directory.Delete(_keys, recursive: true);
            }
        }
    }
}
