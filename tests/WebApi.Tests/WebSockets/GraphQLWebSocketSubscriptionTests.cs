using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.Tests.Support;
using NodaTime;

namespace CleanAssistant.WebApi.Tests.WebSockets;

/// <summary>Subscriptions deliver the subscriber's own live events, and only those, until completed.</summary>
public sealed class GraphQLWebSocketSubscriptionTests(WebSocketServer server) : IClassFixture<WebSocketServer>
{
    private const string CalendarChanged = "subscription { calendarChanged { kind eventId at event { title } } }";
    private static readonly Instant At = Instant.FromUtc(2026, 11, 27, 9, 0);

    [Fact]
    public async Task CalendarChanged_DeliversMyEvent_WithTheEventResolvedAsMe()
    {
        using var http = server.Api.CreateClient(server.Alice);
        var created = await http.GraphQLAsync(
            "mutation { createEvent(input: { title: \"Dentist\", start: \"2026-12-01T09:00:00+01:00\", end: \"2026-12-01T10:00:00+01:00\" }) { event { id } errors { code } } }");
        var eventId = created["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await client.SubscribeAsync("s", CalendarChanged);

        var next = await server.PublishUntilDeliveredAsync(
            client,
            new CalendarChanged(await server.UserIdAsync(server.Alice), new EventId(GlobalId.Decode("Event", eventId, "id")), CalendarChangeKind.Updated, At));

        next["id"]!.GetValue<string>().ShouldBe("s");
        var change = next["payload"]!["data"]!["calendarChanged"]!;
        change["kind"]!.GetValue<string>().ShouldBe("UPDATED");
        change["eventId"]!.GetValue<string>().ShouldBe(eventId);
        change["event"]!["title"]!.GetValue<string>().ShouldBe("Dentist");
    }

    [Fact]
    public async Task CalendarChanged_NeverDeliversAnotherUsersEvent()
    {
        await using var alice = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await alice.SubscribeAsync("s", CalendarChanged);
        var aliceId = await server.UserIdAsync(server.Alice);
        var bobId = await server.UserIdAsync(server.Bob);
        var bobsEvent = new EventId(Guid.NewGuid());
        var alicesEvent = new EventId(Guid.NewGuid());

        // Bob's change first, then Alice's (until her subscription is surely live): she must only ever see hers.
        await server.LiveEvents.PublishAsync(new CalendarChanged(bobId, bobsEvent, CalendarChangeKind.Created, At), CancellationToken.None);
        var next = await server.PublishUntilDeliveredAsync(alice, new CalendarChanged(aliceId, alicesEvent, CalendarChangeKind.Deleted, At), beforeEach: () =>
            server.LiveEvents.PublishAsync(new CalendarChanged(bobId, bobsEvent, CalendarChangeKind.Created, At), CancellationToken.None));

        next["payload"]!["data"]!["calendarChanged"]!["eventId"]!.GetValue<string>().ShouldBe(GlobalId.Encode("Event", alicesEvent.Value));
        next["payload"]!["data"]!["calendarChanged"]!["event"].ShouldBeNull();
    }

    [Fact]
    public async Task ConversationUpdated_FiltersToTheAskedConversation()
    {
        var aliceId = await server.UserIdAsync(server.Alice);
        var wanted = new ConversationId(Guid.NewGuid());
        var other = new ConversationId(Guid.NewGuid());
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await client.SubscribeAsync(
            "c",
            "subscription($id: ID) { conversationUpdated(conversationId: $id) { conversationId speaker text at } }",
            new { id = GlobalId.Encode("Conversation", wanted.Value) });

        var next = await server.PublishUntilDeliveredAsync(client, new ConversationUpdated(aliceId, wanted, Speaker.Assistant, "Booked.", At), beforeEach: () =>
            server.LiveEvents.PublishAsync(new ConversationUpdated(aliceId, other, Speaker.User, "elsewhere", At), CancellationToken.None));

        var turn = next["payload"]!["data"]!["conversationUpdated"]!;
        turn["text"]!.GetValue<string>().ShouldBe("Booked.");
        turn["speaker"]!.GetValue<string>().ShouldBe("ASSISTANT");
        turn["conversationId"]!.GetValue<string>().ShouldBe(GlobalId.Encode("Conversation", wanted.Value));
    }

    [Fact]
    public async Task Complete_StopsDelivery()
    {
        var aliceId = await server.UserIdAsync(server.Alice);
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await client.SubscribeAsync("s", "subscription { conversationUpdated { text } }");
        await server.PublishUntilDeliveredAsync(client, new ConversationUpdated(aliceId, new ConversationId(Guid.NewGuid()), Speaker.User, "before", At));

        await client.SendAsync(new { id = "s", type = "complete" });
        await client.SubscribeAsync("t", "subscription { conversationUpdated { text } }");
        await client.SubscribeAsync("ready", "{ me { email } }");

        // Messages are handled in order: once "ready" is answered, the complete has been handled too.
        while (await client.ReceiveSkippingPingsAsync() is { } message && !(message["id"]?.GetValue<string>() == "ready" && message["type"]!.GetValue<string>() == "complete"))
        {
        }

        // Publish "after" until the new subscription "t" has it; then read on to a later query's end.
        var received = new List<string>();
        using var stop = new CancellationTokenSource();
        var publishing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await server.LiveEvents.PublishAsync(new ConversationUpdated(aliceId, new ConversationId(Guid.NewGuid()), Speaker.User, "after", At), CancellationToken.None);
                await Task.Delay(100, CancellationToken.None);
            }
        });
        var requested = false;
        while (await client.ReceiveSkippingPingsAsync() is { } message)
        {
            var id = message["id"]?.GetValue<string>();
            received.Add($"{id}:{message["type"]}:{message["payload"]?["data"]?["conversationUpdated"]?["text"]}");
            if (id == "t" && !requested)
            {
                await stop.CancelAsync();
                await publishing;
                await client.SubscribeAsync("q", "{ me { email } }");
                requested = true;
            }
            else if (id == "q" && message["type"]!.GetValue<string>() == "complete")
            {
                break;
            }
        }

        received.ShouldContain("t:next:after");
        received.ShouldNotContain("s:next:after");
    }

    [Fact]
    public async Task AQuery_WhileASubscriptionIsOpen_LeavesTheSubscriptionOpen()
    {
        var aliceId = await server.UserIdAsync(server.Alice);
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await client.SubscribeAsync("s", CalendarChanged);
        await client.SubscribeAsync("q", "{ me { email } }");
        (await client.ReceiveSkippingPingsAsync())!["id"]!.GetValue<string>().ShouldBe("q");
        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");

        var next = await server.PublishUntilDeliveredAsync(client, new CalendarChanged(aliceId, new EventId(Guid.NewGuid()), CalendarChangeKind.Deleted, At));

        next["id"]!.GetValue<string>().ShouldBe("s");
    }

    [Fact]
    public async Task AMutation_ReachesTheSubscriber_AsACommittedChange()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Bob.AccessToken);
        await client.SubscribeAsync("s", "subscription { calendarChanged { kind eventId event { title } } }");
        await client.SubscribeAsync("ready", "{ __typename }");
        (await client.ReceiveSkippingPingsAsync())!["id"]!.GetValue<string>().ShouldBe("ready");
        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");
        using var http = server.Api.CreateClient(server.Bob);

        var created = await http.GraphQLAsync("mutation { createEvent(input: { title: \"Standup\", start: \"2027-02-01T09:00:00Z\" }) { event { id } } }");

        var next = await client.ReceiveSkippingPingsAsync();
        next!["type"]!.GetValue<string>().ShouldBe("next", next.ToJsonString());
        var change = next["payload"]!["data"]!["calendarChanged"]!;
        change["kind"]!.GetValue<string>().ShouldBe("CREATED");
        change["eventId"]!.GetValue<string>().ShouldBe(created["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>());
        change["event"]!["title"]!.GetValue<string>().ShouldBe("Standup");
    }

    [Fact]
    public async Task ReminderDue_IsDeliveredToItsOwner()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.BaseAddress, server.Alice.AccessToken);
        await client.SubscribeAsync("r", "subscription { reminderDue { reminderId text dueAt eventId } }");
        var aliceId = await server.UserIdAsync(server.Alice);
        var bobId = await server.UserIdAsync(server.Bob);
        var reminder = new Domain.Reminders.ReminderId(Guid.NewGuid());

        var next = await server.PublishUntilDeliveredAsync(client, new ReminderDue(aliceId, reminder, "call Bob", null, null, At), beforeEach: () =>
            server.LiveEvents.PublishAsync(new ReminderDue(bobId, new Domain.Reminders.ReminderId(Guid.NewGuid()), "not yours", null, null, At), CancellationToken.None));

        var due = next["payload"]!["data"]!["reminderDue"]!;
        due["text"]!.GetValue<string>().ShouldBe("call Bob");
        due["reminderId"]!.GetValue<string>().ShouldBe(GlobalId.Encode("Reminder", reminder.Value));
        due["eventId"].ShouldBeNull();
    }
}
