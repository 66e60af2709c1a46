using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Infrastructure.Identity;
using CleanAssistant.WebApi.GraphQL;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.Tests.Support;
using CleanAssistant.WebApi.Tests.WebSockets;
using GraphQL.Types;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.WebApi.Tests.Security;

/// <summary>A token opens what its scopes allow and nothing else: other fields are FORBIDDEN, with no data.</summary>
public sealed class ScopeTests(WebSocketServer server) : IClassFixture<WebSocketServer>
{
    /// <summary>One field of each area, and the scope that opens it.</summary>
    private static readonly Dictionary<string, string> Areas = new(StringComparer.Ordinal)
    {
        ["freeBusy"] = "{ freeBusy(start: \"2027-01-01T00:00:00Z\", end: \"2027-01-08T00:00:00Z\") { start end } }",
        ["events"] = "{ events(from: \"2027-01-01T00:00:00Z\", to: \"2027-01-08T00:00:00Z\") { nodes { title } } }",
        ["createCalendar"] = "mutation { createCalendar(input: { name: \"Scoped\" }) { calendar { id } errors { code } } }",
        ["conversations"] = "{ conversations { id } }",
        ["voiceHistory"] = "{ voiceHistory { id } }",
        ["users"] = "{ users { nodes { email } } }",
        ["dataExportUrl"] = "{ dataExportUrl }",
    };

    [Fact]
    public async Task EveryFieldOfQueryMutationAndSubscription_DeclaresWhoMayUseIt()
    {
        var schema = server.Api.Services.GetRequiredService<AppSchema>();
        schema.Initialize();

        IObjectGraphType?[] roots = [schema.Query, schema.Mutation, schema.Subscription];
        var undeclared = roots.SelectMany(root => root!.Fields.Where(f => FieldAccess.Of(f) is null).Select(f => $"{root.Name}.{f.Name}")).ToList();

        undeclared.ShouldBeEmpty(
            "Each of these fields needs .RequireScope(ApiScopes.…), .RequireSignedIn() or .AllowAnonymous() (and a row in docs/scopes.md): "
            + string.Join(", ", undeclared));
    }

    [Theory]
    [InlineData(ApiScopes.CalendarFreeBusy, "freeBusy")]
    [InlineData(ApiScopes.CalendarRead, "freeBusy events")]
    [InlineData(ApiScopes.CalendarWrite, "freeBusy events createCalendar")]
    [InlineData(ApiScopes.Assistant, "conversations")]
    [InlineData(ApiScopes.VoiceHistory, "voiceHistory")]
    [InlineData(ApiScopes.Account, "dataExportUrl")]
    [InlineData(ApiScopes.Admin, "")]
    [InlineData(IdentitySeeder.ApiScope, "freeBusy events createCalendar conversations voiceHistory dataExportUrl")]
    public async Task AToken_OpensWhatItsScopeAllows_AndEveryOtherAreaIsForbiddenWithoutData(string scope, string opens)
    {
        var email = await SignUpAsync();
        using var client = ClientWith(await server.Api.TokenWithScopesAsync(email, scope));

        var me = await client.GraphQLAsync("{ me { email } }");
        me["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe(email, "any signed-in token may read who it is");
        foreach (var (area, query) in Areas)
        {
            var result = await client.GraphQLAsync(query);
            if (opens.Split(' ').Contains(area))
            {
                result["errors"].ShouldBeNull($"{scope} opens {area}: {result.ToJsonString()}");
                result["data"]!.ShouldNotBeNull();
            }
            else
            {
                result.ErrorCode().ShouldBe("FORBIDDEN", $"{scope} does not open {area}: {result.ToJsonString()}");
                result["data"].ShouldBeNull();
            }
        }
    }

    [Fact]
    public async Task AFreeBusyToken_SeesBusyBlocks_ButNeverATitle()
    {
        var email = await SignUpAsync();
        using var full = ClientWith(await server.Api.TokenWithScopesAsync(email, ApiScopes.CalendarWrite));
        var created = await full.GraphQLAsync(
            """
            mutation {
              a: createEvent(input: { title: "Secret surgery", start: "2027-03-01T09:00:00Z", end: "2027-03-01T10:00:00Z" }) { event { id } errors { code } }
              b: createEvent(input: { title: "Secret meeting", start: "2027-03-01T09:30:00Z", end: "2027-03-01T11:00:00Z" }) { event { id } errors { code } }
              c: createEvent(input: { title: "Secret birthday", start: "2027-03-01T14:00:00Z", end: "2027-03-01T15:00:00Z", showAs: FREE }) { event { id } errors { code } }
            }
            """);
        created["errors"].ShouldBeNull(created.ToJsonString());
        var eventId = created["data"]!["a"]!["event"]!["id"]!.GetValue<string>();
        using var freeBusy = ClientWith(await server.Api.TokenWithScopesAsync(email, ApiScopes.CalendarFreeBusy));

        var busy = await freeBusy.GraphQLAsync("{ freeBusy(start: \"2027-03-01T00:00:00Z\", end: \"2027-03-02T00:00:00Z\") { start end } }");

        busy["errors"].ShouldBeNull(busy.ToJsonString());
        var blocks = busy["data"]!["freeBusy"]!.AsArray();
        blocks.Count.ShouldBe(1, "the two overlapping events are one busy block; the FREE one takes no time");
        blocks[0]!["start"]!.GetValue<string>().ShouldBe("2027-03-01T09:00:00Z");
        blocks[0]!["end"]!.GetValue<string>().ShouldBe("2027-03-01T11:00:00Z");
        JsonNode[] refused =
        [
            await freeBusy.GraphQLAsync("{ events(from: \"2027-03-01T00:00:00Z\", to: \"2027-03-02T00:00:00Z\") { nodes { title } } }"),
            await freeBusy.GraphQLAsync("query($id: ID!) { event(id: $id) { title } }", new { id = eventId }),
            await freeBusy.GraphQLAsync("{ conflicts(start: \"2027-03-01T09:00:00Z\", end: \"2027-03-01T10:00:00Z\") { title } }"),
            await freeBusy.GraphQLAsync("{ calendars { name events(from: \"2027-03-01T00:00:00Z\", to: \"2027-03-02T00:00:00Z\") { nodes { title } } } }"),
            await freeBusy.GraphQLAsync("{ reminders { text } }"),
        ];
        foreach (var result in refused)
        {
            result.ErrorCode().ShouldBe("FORBIDDEN", result.ToJsonString());
            result["data"].ShouldBeNull();
            result.ToJsonString().ShouldNotContain("Secret");
        }
    }

    [Fact]
    public async Task TheAdminScope_NeedsTheAdminRole_AndTheAdminRoleNeedsTheAdminScope()
    {
        var root = $"root-{Guid.NewGuid():N}@example.com";
        await using (var scope = server.Api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterUserCommand(root, ApiFactory.Password, "Root", null, AsAdmin: true));
        }

        using var userWithAdminScope = ClientWith(await server.Api.TokenWithScopesAsync(await SignUpAsync(), ApiScopes.Admin));
        using var adminWithoutAdminScope = ClientWith(await server.Api.TokenWithScopesAsync(root, ApiScopes.CalendarWrite, ApiScopes.Assistant, ApiScopes.VoiceHistory));
        using var adminWithAdminScope = ClientWith(await server.Api.TokenWithScopesAsync(root, ApiScopes.Admin));

        foreach (var refused in new[] { userWithAdminScope, adminWithoutAdminScope })
        {
            var result = await refused.GraphQLAsync(Areas["users"]);
            result.ErrorCode().ShouldBe("FORBIDDEN", result.ToJsonString());
            result["data"].ShouldBeNull();
        }

        var users = await adminWithAdminScope.GraphQLAsync(Areas["users"]);
        users["errors"].ShouldBeNull(users.ToJsonString());
        users["data"]!["users"]!["nodes"]!.AsArray().Select(n => n!["email"]!.GetValue<string>()).ShouldContain(root);

        (await userWithAdminScope.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await adminWithoutAdminScope.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await adminWithAdminScope.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutAToken_ScopedFieldsAreUnauthenticated()
    {
        using var anonymous = server.Api.CreateClient();

        var result = await anonymous.GraphQLAsync(Areas["freeBusy"]);

        result.ErrorCode().ShouldBe("UNAUTHENTICATED");
        result["data"].ShouldBeNull();
    }

    [Fact]
    public async Task ASubscription_IsForbiddenWithoutItsScope_AndDeliversWithIt()
    {
        var email = await SignUpAsync();
        var userId = await server.UserIdAsync(new ApiUser(email, await server.Api.TokenWithScopesAsync(email, ApiScopes.Assistant), string.Empty));
        const string Subscription = "subscription { conversationUpdated { text } }";

        await using (var calendarOnly = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, await server.Api.TokenWithScopesAsync(email, ApiScopes.CalendarWrite)))
        {
            await calendarOnly.SubscribeAsync("s", Subscription);
            var refused = await calendarOnly.ReceiveSkippingPingsAsync();

            refused.ShouldNotBeNull("the server closed the socket");
            refused["type"]!.GetValue<string>().ShouldBe("next", refused.ToJsonString());
            refused["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("FORBIDDEN");
            refused["payload"]!["data"].ShouldBeNull();
            (await calendarOnly.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");
        }

        await using var assistant = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, await server.Api.TokenWithScopesAsync(email, ApiScopes.Assistant));
        await assistant.SubscribeAsync("s", Subscription);
        var next = await server.PublishUntilDeliveredAsync(
            assistant, new ConversationUpdated(userId, new ConversationId(Guid.NewGuid()), Speaker.Assistant, "Booked.", Instant.FromUtc(2027, 1, 1, 9, 0)));
        next["payload"]!["data"]!["conversationUpdated"]!["text"]!.GetValue<string>().ShouldBe("Booked.");
    }

    [Fact]
    public async Task AnAssistantToken_SeesTheEventOfItsReply_ButCannotWalkFromItToTheCalendar()
    {
        var email = await SignUpAsync();
        using var writer = ClientWith(await server.Api.TokenWithScopesAsync(email, ApiScopes.CalendarWrite));
        await writer.GraphQLAsync("mutation { createEvent(input: { title: \"Secret surgery\", start: \"2027-05-03T09:00:00Z\" }) { errors { code } } }");
        using var assistant = ClientWith(await server.Api.TokenWithScopesAsync(email, ApiScopes.Assistant));

        var sent = await assistant.GraphQLAsync(
            "mutation { sendMessage(input: { text: \"lunch with Alice tomorrow at noon\" }) { reply { event { title calendar { events(from: \"2027-05-01T00:00:00Z\", to: \"2027-06-01T00:00:00Z\") { nodes { title } } } } } } }");

        sent.ErrorCode().ShouldBe("FORBIDDEN", sent.ToJsonString());
        sent["errors"]![0]!["path"]!.AsArray().Select(p => p!.ToString()).ShouldBe(["sendMessage", "reply", "event", "calendar"]);
        sent["data"]!["sendMessage"]!["reply"]!["event"].ShouldBeNull();
        sent.ToJsonString().ShouldNotContain("Secret");
        var reply = await assistant.GraphQLAsync("{ conversations { turns { text } } }");
        reply.ToJsonString().ShouldContain("Lunch with Alice", Case.Insensitive, "the event itself is the assistant's to show");
    }

    [Fact]
    public async Task TheRestEndpoints_AskForTheirScopesToo()
    {
        var email = await SignUpAsync();
        using var reader = ClientWith(await server.Api.TokenWithScopesAsync(email, ApiScopes.CalendarRead));
        using var freeBusy = ClientWith(await server.Api.TokenWithScopesAsync(email, ApiScopes.CalendarFreeBusy, ApiScopes.Assistant));
        var calendars = await reader.GraphQLAsync("{ calendars { exportUrl } }");
        var exportUrl = calendars["data"]!["calendars"]![0]!["exportUrl"]!.GetValue<string>();

        using (var exported = await reader.GetAsync(exportUrl))
        {
            exported.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var refused = await freeBusy.GetAsync(exportUrl))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain("BEGIN:VCALENDAR");
        }

        using (var everything = await reader.GetAsync("/me/export.zip"))
        {
            everything.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "exporting everything is the account scope's");
        }

        using var recording = await freeBusy.GetAsync($"/voice/{Guid.NewGuid():N}/recording");
        recording.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "recordings are voice.history's");

        using var stream = new ClientWebSocket();
        await stream.ConnectAsync(new Uri($"ws://{server.BaseAddress.Authority}/voice/stream"), CancellationToken.None);
        var start = JsonSerializer.SerializeToUtf8Bytes(new { type = "start", token = await server.Api.TokenWithScopesAsync(email, ApiScopes.CalendarWrite) });
        await stream.SendAsync(start, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(GraphQLWsTestClient.Patience);
        while ((await stream.ReceiveAsync(new byte[4096], timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        ((int?)stream.CloseStatus).ShouldBe(4403, "voice commands are the assistant's");
    }

    private async Task<string> SignUpAsync()
    {
        var email = $"scoped-{Guid.NewGuid():N}@example.com";
        await server.Api.SignUpAsync(email);
        return email;
    }

    private HttpClient ClientWith(string accessToken) =>
        server.Api.CreateClient(new ApiUser(string.Empty, accessToken, string.Empty));
}
