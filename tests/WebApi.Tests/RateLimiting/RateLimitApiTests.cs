using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.WebApi.Tests.Support;
using CleanAssistant.WebApi.Tests.WebSockets;
using Microsoft.Extensions.Time.Testing;

namespace CleanAssistant.WebApi.Tests.RateLimiting;

/// <summary>The limits as clients meet them: headers, 429s, GraphQL errors over HTTP and WebSocket, the token endpoint.</summary>
public sealed class RateLimitApiTests
{
    private const string Interpret = "{ interpret(text: \"lunch tomorrow at noon\") { reply } }";

    [Fact]
    public async Task LimitedEndpoint_ReportsTheBudgetInHeaders_ThenAnswers429WithRetryAfter()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["RateLimits:PerIp:Limit"] = "3" });
        using var client = api.CreateClient();

        for (var remaining = 2; remaining >= 0; remaining--)
        {
            using var allowed = await PostAsync(client, "{ __typename }");
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
            Header(allowed, "RateLimit-Limit").ShouldBe("3");
            Header(allowed, "RateLimit-Remaining").ShouldBe(remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
            int.Parse(Header(allowed, "RateLimit-Reset")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        }

        using var refused = await PostAsync(client, "{ __typename }");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        Header(refused, "RateLimit-Remaining").ShouldBe("0");
        var retryAfter = int.Parse(Header(refused, "Retry-After")!, System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 60);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        body.ErrorCode().ShouldBe("RATE_LIMITED");
        body["errors"]![0]!["extensions"]!["retryAfter"]!.GetValue<int>().ShouldBe(retryAfter);

        // Endpoints other than GraphQL answer with problem details; health checks are never limited.
        using var token = await SignInAsync(client, ApiFactory.Password);
        token.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        token.Headers.Contains("Retry-After").ShouldBeTrue();
        (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("RATE_LIMITED");
        using var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        health.Headers.Contains("RateLimit-Limit").ShouldBeFalse();
    }

    [Fact]
    public async Task ExpensiveOperation_OverItsOwnBudget_Is429RateLimited_WhileOtherRequestsGoOn()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["RateLimits:Assistant:Limit"] = "2" });
        var ann = await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient(ann);

        using (var first = await PostAsync(client, Interpret))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
            Header(first, "RateLimit-Limit").ShouldBe("2", "the tightest budget the request spent is reported");
            Header(first, "RateLimit-Remaining").ShouldBe("1");
        }

        // Two interpretations in one document spend two: over budget, nothing runs.
        using var refused = await PostAsync(client, "{ a: interpret(text: \"lunch at noon\") { reply } b: interpret(text: \"tea at four\") { reply } }");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").ShouldBeTrue();
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        body.ErrorCode().ShouldBe("RATE_LIMITED");
        body["data"].ShouldBeNull();
        body["errors"]![0]!["extensions"]!["retryAfter"]!.GetValue<int>().ShouldBeGreaterThan(0);

        var me = await client.GraphQLAsync("{ me { email } }");
        me["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe("ann@example.com", "the general budget is separate");
    }

    [Fact]
    public async Task VoiceOperations_SpendTheVoiceBudget_AndAreRefusedBeforeAnyEngineRuns()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["RateLimits:Voice:Limit"] = "1" });
        var ann = await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient(ann);

        // Two transcriptions in one request need two uses of a budget of one.
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(JsonSerializer.Serialize(new
        {
            query = "query($audio: Upload!) { a: transcribe(audio: $audio) { text } b: transcribe(audio: $audio) { text } }",
            variables = new { audio = (object?)null },
        })), "operations");
        content.Add(new StringContent("{\"0\": [\"variables.audio\"]}"), "map");
        content.Add(new ByteArrayContent([1, 2, 3, 4]), "0", "clip.wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Add("GraphQL-Preflight", "1");
        using var refused = await client.SendAsync(request);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, await refused.Content.ReadAsStringAsync());
        Header(refused, "RateLimit-Limit").ShouldBe("1");
        JsonNode.Parse(await refused.Content.ReadAsStringAsync())!.ErrorCode().ShouldBe("RATE_LIMITED", "not AUDIO_INVALID: nothing was decoded");
    }

    [Fact]
    public async Task ClientBudget_IsSharedByAllUsersOfTheClient()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["RateLimits:PerClient:Limit"] = "3" });
        var ann = await api.SignUpAsync("ann@example.com");
        var bob = await api.SignUpAsync("bob@example.com");
        using var annClient = api.CreateClient(ann);
        using var bobClient = api.CreateClient(bob);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await PostAsync(annClient, "{ me { email } }");
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var last = await PostAsync(bobClient, "{ me { email } }"))
        {
            last.StatusCode.ShouldBe(HttpStatusCode.OK);
            Header(last, "RateLimit-Remaining").ShouldBe("0", "Bob spent the last of what Ann left of the client's budget");
        }

        using var refused = await PostAsync(bobClient, "{ me { email } }");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ExpensiveOperation_OverWebSocket_GetsARateLimitedError_AndTheConnectionStaysOpen()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["RateLimits:Assistant:Limit"] = "1" });
        var address = api.StartOnSocket();
        var ann = await api.SignUpAsync("ann@example.com");
        await using var socket = await GraphQLWsTestClient.ConnectAndInitAsync(address, ann.AccessToken);

        await socket.SubscribeAsync("1", Interpret);
        (await socket.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("next");
        (await socket.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");

        await socket.SubscribeAsync("2", Interpret);
        var refused = await socket.ReceiveSkippingPingsAsync();
        refused.ShouldNotBeNull();
        refused["type"]!.GetValue<string>().ShouldBe("error", refused.ToJsonString());
        refused["id"]!.GetValue<string>().ShouldBe("2");
        refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("RATE_LIMITED");
        refused["payload"]![0]!["extensions"]!["retryAfter"]!.GetValue<int>().ShouldBeGreaterThan(0);

        await socket.SubscribeAsync("3", "{ me { email } }");
        var next = await socket.ReceiveSkippingPingsAsync();
        next!["type"]!.GetValue<string>().ShouldBe("next", "the connection is still open");
        next["payload"]!["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe("ann@example.com");
    }

    [Fact]
    public async Task GeneralBudget_OverWebSocket_CountsEachOperation()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["RateLimits:PerUser:Limit"] = "4" });
        var address = api.StartOnSocket();
        var ann = await api.SignUpAsync("ann@example.com");
        await using var socket = await GraphQLWsTestClient.ConnectAndInitAsync(address, ann.AccessToken);

        // sign-up spent none of Ann's budget (she had no token yet); the handshake is anonymous too.
        for (var i = 0; i < 4; i++)
        {
            await socket.SubscribeAsync($"q{i}", "{ __typename }");
            (await socket.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("next");
            (await socket.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");
        }

        await socket.SubscribeAsync("over", "{ __typename }");
        var refused = await socket.ReceiveSkippingPingsAsync();
        refused!["type"]!.GetValue<string>().ShouldBe("error", refused.ToJsonString());
        refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("RATE_LIMITED");
    }

    [Fact]
    public async Task PasswordGrant_AfterTooManyFailures_WaitsAndTheWaitGrows_EvenForTheRightPassword()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await ApiFactory.CreateAsync(
            settings: new() { ["RateLimits:Login:FreeFailures"] = "2", ["RateLimits:Login:FirstBackoff"] = "00:00:30" },
            time: time);
        await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await SignInAsync(client, "wrong password");
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var held = await SignInAsync(client, ApiFactory.Password))
        {
            held.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            Header(held, "Retry-After").ShouldBe("30");
            (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("slow_down");
        }

        time.Advance(TimeSpan.FromSeconds(30));
        using (var wrongAgain = await SignInAsync(client, "wrong password"))
        {
            wrongAgain.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var longer = await SignInAsync(client, ApiFactory.Password))
        {
            longer.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            Header(longer, "Retry-After").ShouldBe("60");
        }

        time.Advance(TimeSpan.FromSeconds(60));
        using var right = await SignInAsync(client, ApiFactory.Password);
        right.StatusCode.ShouldBe(HttpStatusCode.OK, "the wait is over");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string query) =>
        client.PostAsJsonAsync("/graphql", new { query });

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string password) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = ApiFactory.ClientId,
            ["username"] = "ann@example.com",
            ["password"] = password,
            ["scope"] = "api",
        }));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
