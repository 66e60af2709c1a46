using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanAssistant.WebApi.Tests.Api;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.RateLimiting;

/// <summary>Distributed mode: two server processes count against one budget in the shared Redis.</summary>
[Collection(TwoInstanceTests.Cluster.Collection)]
public sealed class TwoInstanceRateLimitTests
{
    [Fact]
    public async Task RequestsSplitBetweenTwoInstances_SpendOneSharedBudget()
    {
        // The user's budget: a new user on a fresh database has a counter no other test touches.
        await using var cluster = await TwoInstanceTests.Cluster.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:PerUser:Limit"] = "6",
            ["RateLimits:PerUser:Window"] = "00:10:00",
        });
        using var one = new HttpClient { BaseAddress = cluster.One.Address };
        using var other = new HttpClient { BaseAddress = cluster.Other.Address };
        var registered = await one.GraphQLAsync(
            "mutation { registerUser(input: { email: \"ann@example.com\", password: \"correct horse battery\", displayName: \"Ann\", timeZone: \"Europe/Berlin\" }) { errors { code } } }");
        registered["data"]!["registerUser"]!["errors"]!.AsArray().ShouldBeEmpty(cluster.Logs);
        var tokens = await one.RequestTokensAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = ApiFactory.ClientId,
            ["username"] = "ann@example.com",
            ["password"] = "correct horse battery",
            ["scope"] = "api",
        });
        one.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        other.DefaultRequestHeaders.Authorization = one.DefaultRequestHeaders.Authorization;

        var remaining = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await (i % 2 == 0 ? one : other).PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, cluster.Logs);
            remaining.Add(response.Headers.GetValues("RateLimit-Remaining").Single());
        }

        remaining.ShouldBe(["5", "4", "3", "2", "1", "0"], "each instance counts the other's requests");
        foreach (var client in new[] { one, other })
        {
            using var refused = await client.PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture).ShouldBeInRange(1, 600);
        }
    }
}
