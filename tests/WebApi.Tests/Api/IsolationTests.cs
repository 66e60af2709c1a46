using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>A user sees and changes only their own calendars and events.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task AnotherUsersEventAndCalendar_AreNotFound_ForReadsAndWrites()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        using var bob = api.CreateClient(await api.SignUpAsync("bob@example.com"));
        var created = await ann.GraphQLAsync("mutation { createEvent(input: { title: \"Ann's surgery\", start: \"2026-12-01T09:00:00Z\" }) { event { id calendarId } } }");
        var eventId = created["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();
        var calendarId = created["data"]!["createEvent"]!["event"]!["calendarId"]!.GetValue<string>();

        var read = await bob.GraphQLAsync("query($id: ID!) { event(id: $id) { title } }", new { id = eventId });
        read.ErrorCode().ShouldBe("NOT_FOUND");
        read["data"].ShouldBeNull();
        (await bob.GraphQLAsync("query($id: ID!) { calendar(id: $id) { name } }", new { id = calendarId })).ErrorCode().ShouldBe("NOT_FOUND");

        var update = await bob.GraphQLAsync("mutation($id: ID!) { updateEvent(input: { id: $id, title: \"Mine\" }) { event { id } errors { code } } }", new { id = eventId });
        update["data"]!["updateEvent"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("NOT_FOUND");
        var delete = await bob.GraphQLAsync("mutation($id: ID!) { deleteEvent(input: { id: $id }) { deletedId errors { code } } }", new { id = eventId });
        delete["data"]!["deleteEvent"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("NOT_FOUND");
        var list = await bob.GraphQLAsync("{ events(from: \"2026-11-01T00:00:00Z\", to: \"2027-01-01T00:00:00Z\") { nodes { title } } }");
        list["data"]!["events"]!["nodes"]!.AsArray().ShouldBeEmpty();

        var still = await ann.GraphQLAsync("query($id: ID!) { event(id: $id) { title } }", new { id = eventId });
        still["data"]!["event"]!["title"]!.GetValue<string>().ShouldBe("Ann's surgery");
    }

    [Fact]
    public async Task WithoutAToken_UserDataIsUnauthenticated_AndAdminFieldsForbiddenToUsers()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var anonymous = api.CreateClient();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));

        (await anonymous.GraphQLAsync("{ me { email } }")).ErrorCode().ShouldBe("UNAUTHENTICATED");
        (await anonymous.GraphQLAsync("mutation { createCalendar(input: { name: \"x\" }) { errors { code } } }")).ErrorCode().ShouldBe("UNAUTHENTICATED");
        (await ann.GraphQLAsync("{ users { nodes { email } } }")).ErrorCode().ShouldBe("FORBIDDEN");
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        (await anonymous.GraphQLAsync("{ me { email } }")).ErrorCode().ShouldBe("UNAUTHENTICATED");
    }
}
