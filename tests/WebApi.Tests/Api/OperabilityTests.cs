using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Api;

public sealed class OperabilityTests
{
    [Fact]
    public async Task Health_LiveAnswers_AndReadyChecksTheDatabase()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();

        using var live = await client.GetAsync("/health/live");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        ready.GetProperty("status").GetString().ShouldBe("Healthy");
        ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Ready_ChecksRedisWhenConfigured_AndReportsItDown()
    {
        var redis = Environment.GetEnvironmentVariable("CLEANASSISTANT_TEST_REDIS");
        redis.ShouldNotBeNullOrWhiteSpace("CLEANASSISTANT_TEST_REDIS is not set: run the tests with ./build.sh test.");
        await using var up = await ApiFactory.CreateAsync(settings: new() { ["Redis:Configuration"] = redis });
        await using var down = await ApiFactory.CreateAsync(settings: new() { ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=500" });

        var healthy = await up.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");
        healthy.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Healthy");
        using var unhealthy = await down.CreateClient().GetAsync("/health/ready");
        unhealthy.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await down.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CorrelationId_IsEchoedWhenGiven_TakenFromTraceparent_OrMade()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();

        using var given = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { "X-Correlation-ID", "req-42" } } };
        (await client.SendAsync(given)).Headers.GetValues("X-Correlation-ID").Single().ShouldBe("req-42");

        using var traced = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } } };
        (await client.SendAsync(traced)).Headers.GetValues("X-Correlation-ID").Single().ShouldBe("4bf92f3577b34da6a3ce929d0e0e4736");

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { "X-Correlation-ID", "evil\u0001line" } } };
        var made = (await client.SendAsync(forged)).Headers.GetValues("X-Correlation-ID").Single();
        made.ShouldNotContain("evil");
        made.Length.ShouldBe(32);
    }

    [Fact]
    public async Task UnknownRoutes_AnswerWithProblemDetails()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task MalformedGraphQL_IsABadRequest_NeverAServerError()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();

        using var notJson = await client.PostAsync("/graphql", new StringContent("{ me", System.Text.Encoding.UTF8, "application/json"));
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badDate = await client.GraphQLAsync("{ events(from: \"yesterday\", to: \"2027-01-01T00:00:00Z\") { nodes { id } } }");
        badDate["errors"]!.AsArray().ShouldNotBeEmpty();
        using var signedIn = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        var badId = await signedIn.GraphQLAsync("{ event(id: \"not-an-id\") { id } }");
        badId.ErrorCode().ShouldBe("VALIDATION");
    }

    [Fact]
    public async Task DeepDataQueries_AreRefusedByTheDepthLimit_ButTheIdesIntrospectionIsNot()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();
        const string Window = "(from: \"2026-01-01T00:00:00Z\", to: \"2026-02-01T00:00:00Z\")";
        var deep = "{ events" + Window + " { nodes { calendar { events" + Window + " { nodes { calendar { events" + Window
            + " { nodes { calendar { events" + Window + " { nodes { calendar { name } } } } } } } } } } } } }";
        var introspection = "{ __schema { types { name fields { name args { name type { name ofType { name ofType { name ofType { name } } } } } } } } }";

        var refused = await client.GraphQLAsync(deep);
        var allowed = await client.GraphQLAsync(introspection);

        refused["errors"]![0]!["message"]!.GetValue<string>().ShouldContain("depth", Case.Insensitive);
        refused.ErrorCode().ShouldBe("QUERY_TOO_DEEP");
        allowed["errors"].ShouldBeNull();
        allowed["data"]!["__schema"]!["types"]!.AsArray().Count.ShouldBeGreaterThan(10);
    }
}
