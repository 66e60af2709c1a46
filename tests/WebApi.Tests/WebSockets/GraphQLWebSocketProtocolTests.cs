using System.Net.WebSockets;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.WebSockets;

/// <summary>The graphql-transport-ws handshake, its close codes, ping/pong and queries and mutations over the socket.</summary>
public sealed class GraphQLWebSocketProtocolTests(WebSocketServer server) : IClassFixture<WebSocketServer>
{
    [Fact]
    public async Task ConnectionInit_WithAValidToken_IsAcknowledged()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress);
        client.SubProtocol.ShouldBe("graphql-transport-ws");

        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + server.Alice.AccessToken } });

        (await client.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("connection_ack");
    }

    [Theory]
    [InlineData("token")]
    [InlineData("authorization")]
    public async Task ConnectionInit_AcceptsTheTokenUnderOtherKeys(string key)
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress);
        var value = key == "token" ? server.Alice.AccessToken : "Bearer " + server.Alice.AccessToken;

        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { [key] = value } });

        (await client.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("connection_ack");
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ConnectionInit_WithoutAValidToken_ClosesWith4403(string? authorization)
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress);

        await client.SendAsync(authorization is null
            ? new { type = "connection_init" }
            : new { type = "connection_init", payload = new { Authorization = authorization } });

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4403);
    }

    [Fact]
    public async Task ConnectionInit_WithATamperedToken_ClosesWith4403()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress);
        var token = server.Alice.AccessToken;
        var tampered = token[..^8] + (token[^8] == 'A' ? 'B' : 'A') + token[^7..];

        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + tampered } });

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4403);
    }

    [Fact]
    public async Task Connecting_WithoutTheSubprotocol_ClosesWith4406()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress, subProtocol: null);

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4406);
    }

    [Fact]
    public async Task Subscribe_BeforeTheAck_ClosesWith4401()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress);

        await client.SubscribeAsync("1", "{ me { email } }");

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4401);
    }

    [Fact]
    public async Task ASecondConnectionInit_ClosesWith4429()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);

        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + server.Alice.AccessToken } });

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4429);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":"unheard_of"}""")]
    [InlineData("""{"type":"subscribe","id":"1"}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ me { email } }"}}""")]
    public async Task AnInvalidMessage_ClosesWith4400(string message)
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);

        await client.SendTextAsync(message);

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4400);
    }

    [Fact]
    public async Task Subscribe_WithAnIdInUse_ClosesWith4409()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await client.SubscribeAsync("same", "subscription { calendarChanged { kind } }");

        await client.SubscribeAsync("same", "subscription { calendarChanged { kind } }");

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4409);
        client.CloseDescription.ShouldBe("Subscriber for same already exists");
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPong_EvenBeforeTheAck()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(server.BaseAddress);

        await client.SendAsync(new { type = "ping" });

        (await client.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("pong");
    }

    [Fact]
    public async Task AQuery_GetsOneNextThenComplete()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);

        await client.SubscribeAsync("q", "{ me { email } }");

        var next = await client.ReceiveSkippingPingsAsync();
        next!["type"]!.GetValue<string>().ShouldBe("next");
        next["id"]!.GetValue<string>().ShouldBe("q");
        next["payload"]!["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe(server.Alice.Email);
        var complete = await client.ReceiveSkippingPingsAsync();
        complete!["type"]!.GetValue<string>().ShouldBe("complete");
        complete["id"]!.GetValue<string>().ShouldBe("q");
    }

    [Fact]
    public async Task AMutation_RunsAsTheSignedInUser()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Bob.AccessToken);

        await client.SubscribeAsync(
            "m",
            "mutation($input: CreateCalendarInput!) { createCalendar(input: $input) { calendar { name } errors { code } } }",
            new { input = new { name = "Over the socket" } });

        var next = await client.ReceiveSkippingPingsAsync();
        next!["payload"]!["data"]!["createCalendar"]!["calendar"]!["name"]!.GetValue<string>().ShouldBe("Over the socket");
        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");
        using var http = server.Api.CreateClient(server.Bob);
        var calendars = await http.GraphQLAsync("{ calendars { name } }");
        calendars["data"]!["calendars"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldContain("Over the socket");
    }

    [Fact]
    public async Task AnInvalidDocument_GetsAnErrorMessage_AndTheConnectionStays()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);

        await client.SubscribeAsync("bad", "{ noSuchField }");

        var error = await client.ReceiveSkippingPingsAsync();
        error!["type"]!.GetValue<string>().ShouldBe("error");
        error["id"]!.GetValue<string>().ShouldBe("bad");
        error["payload"]!.AsArray().ShouldNotBeEmpty();
        await client.SubscribeAsync("good", "{ me { email } }");
        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("next");
    }

    [Fact]
    public async Task TheDepthLimit_AppliesOverTheSocketToo()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        const string Level = "events(from: \"2026-01-01T00:00:00Z\", to: \"2026-02-01T00:00:00Z\") { nodes { calendar { ";
        var deep = "{ calendars { " + string.Concat(Enumerable.Repeat(Level, 4)) + "name" + new string('}', 3 * 4) + " } }";

        await client.SubscribeAsync("deep", deep);

        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("error");
    }

    [Fact]
    public async Task StoppingTheServer_ClosesOpenConnectionsWith1001()
    {
        var api = await ApiFactory.CreateAsync();
        var baseAddress = api.StartOnSocket();
        var user = await api.SignUpAsync($"carol-{Guid.NewGuid():N}@example.com");
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(baseAddress, user.AccessToken);
        await client.SubscribeAsync("s", "subscription { calendarChanged { kind } }");

        var stopping = api.DisposeAsync().AsTask();

        (await client.ReceiveCloseAsync()).ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        await stopping;
    }

    [Fact]
    public async Task ConnectionInit_WithAnExpiredToken_ClosesWith4403()
    {
        await using var api = await ApiFactory.CreateAsync(settings: new() { ["Identity:AccessTokenLifetime"] = "00:00:01" });
        var baseAddress = api.StartOnSocket();
        var user = await api.SignUpAsync($"dave-{Guid.NewGuid():N}@example.com");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await using var client = await GraphQLWsTestClient.ConnectAsync(baseAddress);

        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } });

        (await client.ReceiveCloseAsync()).ShouldBe((WebSocketCloseStatus)4403);
    }
}
