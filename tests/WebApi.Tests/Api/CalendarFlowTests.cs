using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>The newcomer's path from the README: register, get a token, create and list events.</summary>
public sealed class CalendarFlowTests
{
    private const string EventFields = "id title start end timeZone isAllDay startDate endDate version calendar { name isDefault }";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Register_SignIn_CreateEvent_ListEvents(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var ann = await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient(ann);

        var created = await client.GraphQLAsync(
            $"mutation {{ createEvent(input: {{ title: \"Dentist\", start: \"2026-12-01T09:00:00+01:00\", end: \"2026-12-01T10:00:00+01:00\" }}) {{ event {{ {EventFields} }} errors {{ code message field }} }} }}");
        var calendarEvent = created["data"]!["createEvent"]!["event"]!;
        created["data"]!["createEvent"]!["errors"]!.AsArray().ShouldBeEmpty();
        calendarEvent["start"]!.GetValue<string>().ShouldBe("2026-12-01T08:00:00Z");
        calendarEvent["timeZone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        calendarEvent["calendar"]!["isDefault"]!.GetValue<bool>().ShouldBeTrue();

        var listed = await client.GraphQLAsync(
            "query($from: DateTime!, $to: DateTime!) { events(from: $from, to: $to, first: 10) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }",
            new { from = "2026-12-01T00:00:00Z", to = "2026-12-02T00:00:00Z" });

        listed.ErrorCode().ShouldBeNull();
        var edge = listed["data"]!["events"]!["edges"]!.AsArray().ShouldHaveSingleItem()!;
        edge["node"]!["id"]!.GetValue<string>().ShouldBe(calendarEvent["id"]!.GetValue<string>());
        listed["data"]!["events"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Calendars_CreateRenameDelete_AndAllDayEvents()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));

        var work = await client.GraphQLAsync("mutation { createCalendar(input: { name: \"Work\" }) { calendar { id name version } errors { code } } }");
        var workId = work["data"]!["createCalendar"]!["calendar"]!["id"]!.GetValue<string>();
        var renamed = await client.GraphQLAsync(
            "mutation($id: ID!) { renameCalendar(input: { id: $id, name: \"Job\", expectedVersion: 1 }) { calendar { name version } errors { code } } }",
            new { id = workId });
        renamed["data"]!["renameCalendar"]!["calendar"]!["name"]!.GetValue<string>().ShouldBe("Job");

        var trip = await client.GraphQLAsync(
            "mutation($calendarId: ID!) { createEvent(input: { title: \"Trip\", calendarId: $calendarId, isAllDay: true, startDate: \"2026-12-24\", endDate: \"2026-12-26\" }) { event { " + EventFields + " } errors { code message } } }",
            new { calendarId = workId });
        var tripEvent = trip["data"]!["createEvent"]!["event"]!;
        tripEvent["isAllDay"]!.GetValue<bool>().ShouldBeTrue();
        tripEvent["startDate"]!.GetValue<string>().ShouldBe("2026-12-24");
        tripEvent["endDate"]!.GetValue<string>().ShouldBe("2026-12-26");
        tripEvent["start"]!.GetValue<string>().ShouldBe("2026-12-23T23:00:00Z");

        var inCalendar = await client.GraphQLAsync(
            "query($id: ID!) { calendar(id: $id) { events(from: \"2026-12-01T00:00:00Z\", to: \"2027-01-01T00:00:00Z\") { nodes { title } } } }",
            new { id = workId });
        inCalendar["data"]!["calendar"]!["events"]!["nodes"]!.AsArray().Single()!["title"]!.GetValue<string>().ShouldBe("Trip");

        var deleted = await client.GraphQLAsync("mutation($id: ID!) { deleteCalendar(input: { id: $id }) { deletedId errors { code } } }", new { id = workId });
        deleted["data"]!["deleteCalendar"]!["deletedId"]!.GetValue<string>().ShouldBe(workId);
        var calendars = await client.GraphQLAsync("{ calendars { name } }");
        calendars["data"]!["calendars"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Personal"]);
    }

    [Fact]
    public async Task UpdateEvent_MovesKeepingLength_AndStaleVersionIsAPayloadError()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        var created = await client.GraphQLAsync("mutation { createEvent(input: { title: \"Call\", start: \"2026-12-01T09:00:00Z\", end: \"2026-12-01T09:30:00Z\" }) { event { id } } }");
        var id = created["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();

        var moved = await client.GraphQLAsync(
            "mutation($id: ID!) { updateEvent(input: { id: $id, expectedVersion: 1, start: \"2026-12-04T15:00:00+01:00\", location: \"Room 1\" }) { event { start end location version } errors { code } } }",
            new { id });
        var movedEvent = moved["data"]!["updateEvent"]!["event"]!;
        movedEvent["start"]!.GetValue<string>().ShouldBe("2026-12-04T14:00:00Z");
        movedEvent["end"]!.GetValue<string>().ShouldBe("2026-12-04T14:30:00Z");
        movedEvent["location"]!.GetValue<string>().ShouldBe("Room 1");

        var stale = await client.GraphQLAsync(
            "mutation($id: ID!) { updateEvent(input: { id: $id, expectedVersion: 1, title: \"Late\" }) { event { id } errors { code message } } }",
            new { id });
        stale["data"]!["updateEvent"]!["event"].ShouldBeNull();
        stale["data"]!["updateEvent"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("VERSION_MISMATCH");

        var deleted = await client.GraphQLAsync("mutation($id: ID!) { deleteEvent(input: { id: $id }) { deletedId errors { code } } }", new { id });
        deleted["data"]!["deleteEvent"]!["deletedId"]!.GetValue<string>().ShouldBe(id);
        (await client.GraphQLAsync("query($id: ID!) { event(id: $id) { id } }", new { id })).ErrorCode().ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task Booking_WithRejectConflicts_IsRefusedWhenTaken_AndConflictsListsTheClash()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        const string Book = "mutation($title: String!, $start: DateTime!, $showAs: Availability) { createEvent(input: { title: $title, start: $start, showAs: $showAs, rejectConflicts: true }) { event { id showAs } errors { code message } } }";

        var first = await client.GraphQLAsync(Book, new { title = "Standup", start = "2026-12-01T09:00:00Z" });
        var clash = await client.GraphQLAsync(Book, new { title = "Clash", start = "2026-12-01T09:15:00Z" });
        var free = await client.GraphQLAsync(Book, new { title = "Reminder", start = "2026-12-01T09:15:00Z", showAs = "FREE" });
        var conflicts = await client.GraphQLAsync("{ conflicts(start: \"2026-12-01T09:15:00Z\", end: \"2026-12-01T09:45:00Z\") { title showAs } }");

        first["data"]!["createEvent"]!["event"]!["showAs"]!.GetValue<string>().ShouldBe("BUSY");
        clash["data"]!["createEvent"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("CONFLICTING_EVENTS");
        free["data"]!["createEvent"]!["event"]!["showAs"]!.GetValue<string>().ShouldBe("FREE");
        conflicts["data"]!["conflicts"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ShouldBe(["Standup"]);
    }

    [Fact]
    public async Task Preferences_AreUpdated_Validated_AndGiveNewEventsTheirDefaultLength()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        const string Update = "mutation($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { user { timeZone preferences { workWeek defaultMeetingMinutes bufferBeforeMinutes preferredTimeOfDay earliestTime ambiguity { nextWeekday sameWeekday bareHour } } } errors { code message field } } }";

        var updated = await client.GraphQLAsync(Update, new { input = new { timeZone = "America/New_York", workWeek = "mo-th 08:00-16:00", defaultMeetingMinutes = 45, bufferBeforeMinutes = 10, preferredTimeOfDay = "MORNING", earliestTime = "08:30", nextWeekday = "NEXT_WEEK" } });
        var invalid = await client.GraphQLAsync(Update, new { input = new { workWeek = "MO 17:00-09:00" } });
        var created = await client.GraphQLAsync("mutation { createEvent(input: { title: \"Chat\", start: \"2026-12-01T15:00:00Z\" }) { event { end timeZone } } }");

        var user = updated["data"]!["updatePreferences"]!["user"]!;
        user["timeZone"]!.GetValue<string>().ShouldBe("America/New_York");
        user["preferences"]!["workWeek"]!.GetValue<string>().ShouldBe("MO,TU,WE,TH 08:00-16:00");
        user["preferences"]!["preferredTimeOfDay"]!.GetValue<string>().ShouldBe("MORNING");
        user["preferences"]!["earliestTime"]!.GetValue<string>().ShouldBe("08:30");
        user["preferences"]!["ambiguity"]!["nextWeekday"]!.GetValue<string>().ShouldBe("NEXT_WEEK");
        user["preferences"]!["ambiguity"]!["bareHour"]!.GetValue<string>().ShouldBe("WORKING_DAY");
        invalid["data"]!["updatePreferences"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("INVALID_TIME_RANGE");
        created["data"]!["createEvent"]!["event"]!["end"]!.GetValue<string>().ShouldBe("2026-12-01T15:45:00Z");
        created["data"]!["createEvent"]!["event"]!["timeZone"]!.GetValue<string>().ShouldBe("America/New_York");
        var me = await client.GraphQLAsync("{ me { preferences { bufferBeforeMinutes defaultMeetingMinutes } } }");
        me["data"]!["me"]!["preferences"]!["defaultMeetingMinutes"]!.GetValue<int>().ShouldBe(45);
    }

    [Fact]
    public async Task SuggestMeetingTimes_RanksFreeTimesOfBothPeople_AndFreeSlotsAgree()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com", "Europe/Berlin"));
        using var bob = api.CreateClient(await api.SignUpAsync("bob@example.com", "Europe/London"));
        await bob.GraphQLAsync("mutation { createEvent(input: { title: \"Busy all morning\", start: \"2026-12-02T08:00:00Z\", end: \"2026-12-02T12:00:00Z\" }) { errors { code } } }");
        const string Search = "{ attendees: [\"bob@example.com\"], durationMinutes: 60, from: \"2026-12-02T00:00:00Z\", to: \"2026-12-03T00:00:00Z\", maxCandidates: 3 }";

        var suggested = await ann.GraphQLAsync("{ suggestMeetingTimes(input: " + Search + ") { suggestions { start end confidence attendees { email availability } reasons { code weight } reasonText } emptySuggestionsReason relaxations { code } } }");
        var slots = await ann.GraphQLAsync("{ freeSlots(input: " + Search + ") { start end } }");
        var unknown = await ann.GraphQLAsync("{ freeSlots(input: { attendees: [\"nobody@example.com\"], durationMinutes: 30, from: \"2026-12-02T00:00:00Z\", to: \"2026-12-03T00:00:00Z\" }) { start } }");

        suggested.ErrorCode().ShouldBeNull();
        var suggestions = suggested["data"]!["suggestMeetingTimes"]!["suggestions"]!.AsArray();
        suggestions.Count.ShouldBe(3);
        suggestions.ShouldAllBe(s => string.CompareOrdinal(s!["start"]!.GetValue<string>(), "2026-12-02T12:00:00Z") >= 0, "Bob is busy until 12:00 UTC");
        suggestions[0]!["confidence"]!.GetValue<double>().ShouldBe(100);
        suggestions[0]!["reasons"]!.AsArray().ShouldNotBeEmpty();
        var freeSlots = slots["data"]!["freeSlots"]!.AsArray();
        freeSlots[0]!["start"]!.GetValue<string>().ShouldBe("2026-12-02T12:00:00Z");
        freeSlots[0]!["end"]!.GetValue<string>().ShouldBe("2026-12-02T16:00:00Z", "Ann's day ends at 17:00 Berlin");
        unknown.ErrorCode().ShouldBe("VALIDATION");
    }

    [Fact]
    public async Task RecurringEvent_ShowsOccurrences_AndOneCanBeDeleted()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com", "America/New_York"));
        var created = await client.GraphQLAsync(
            "mutation { createEvent(input: { title: \"Yoga\", start: \"2027-03-02T18:00:00-05:00\", end: \"2027-03-02T19:00:00-05:00\", recurrence: \"FREQ=WEEKLY;BYDAY=TU;COUNT=3\" }) { event { id recurrence occurrences(from: \"2027-03-01T00:00:00Z\", to: \"2027-04-01T00:00:00Z\") { start recurrenceId seriesId } } errors { code message } } }");
        var occurrences = created["data"]!["createEvent"]!["event"]!["occurrences"]!.AsArray();
        var id = created["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();

        occurrences.Select(o => o!["start"]!.GetValue<string>()).ShouldBe(["2027-03-02T23:00:00Z", "2027-03-09T23:00:00Z", "2027-03-16T22:00:00Z"], "18:00 in New York, before and after the 14 March change");
        occurrences[1]!["seriesId"]!.GetValue<string>().ShouldBe(id);

        var deleted = await client.GraphQLAsync(
            "mutation($id: ID!, $rid: LocalDateTime!) { deleteOccurrence(input: { seriesId: $id, recurrenceId: $rid, scope: THIS }) { deletedId errors { code } } }",
            new { id, rid = occurrences[1]!["recurrenceId"]!.GetValue<string>() });
        var listed = await client.GraphQLAsync("{ events(from: \"2027-03-01T00:00:00Z\", to: \"2027-04-01T00:00:00Z\") { nodes { title recurrenceId } } }");
        var badRule = await client.GraphQLAsync("mutation { createEvent(input: { title: \"x\", start: \"2027-03-02T18:00:00Z\", recurrence: \"FREQ=NEVER\" }) { errors { code field } } }");

        deleted["data"]!["deleteOccurrence"]!["errors"]!.AsArray().ShouldBeEmpty();
        listed["data"]!["events"]!["nodes"]!.AsArray().Select(n => n!["recurrenceId"]!.GetValue<string>()).ShouldBe(["2027-03-02T18:00:00", "2027-03-16T18:00:00"]);
        badRule["data"]!["createEvent"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("INVALID_RECURRENCE");
    }

    [Fact]
    public async Task ConflictResolutions_OfferMovingAFlexibleEvent_AndResolveConflictAppliesIt()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com", "UTC"));
        var gym = await client.GraphQLAsync("mutation { createEvent(input: { title: \"Gym\", start: \"2026-12-01T10:00:00Z\", end: \"2026-12-01T11:00:00Z\", isFlexible: true }) { event { id } } }");
        var gymId = gym["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();

        var proposal = await client.GraphQLAsync("{ conflictResolutions(start: \"2026-12-01T10:00:00Z\", end: \"2026-12-01T11:00:00Z\", title: \"Interview\") { conflicts { title } resolutions { kind newEventStart moves { eventId to } description consequences } } }");
        var resolutions = proposal["data"]!["conflictResolutions"]!["resolutions"]!.AsArray();
        var moveGym = resolutions.Single(r => r!["kind"]!.GetValue<string>() == "MOVE_EXISTING")!;
        var to = moveGym["moves"]![0]!["to"]!.GetValue<string>();

        var applied = await client.GraphQLAsync(
            "mutation($moves: [EventMoveInput!], $title: String!) { resolveConflict(input: { event: { title: $title, start: \"2026-12-01T10:00:00Z\", end: \"2026-12-01T11:00:00Z\" }, moves: $moves }) { event { title start } errors { code message } } }",
            new { title = "Interview", moves = new[] { new { eventId = gymId, start = to } } });
        var movedGym = await client.GraphQLAsync("query($id: ID!) { event(id: $id) { start } }", new { id = gymId });

        proposal["data"]!["conflictResolutions"]!["conflicts"]!.AsArray().Single()!["title"]!.GetValue<string>().ShouldBe("Gym");
        resolutions.Count(r => r!["kind"]!.GetValue<string>() == "MOVE_NEW").ShouldBe(3);
        moveGym["moves"]![0]!["eventId"]!.GetValue<string>().ShouldBe(gymId);
        applied["data"]!["resolveConflict"]!["errors"]!.AsArray().ShouldBeEmpty();
        applied["data"]!["resolveConflict"]!["event"]!["start"]!.GetValue<string>().ShouldBe("2026-12-01T10:00:00Z");
        movedGym["data"]!["event"]!["start"]!.GetValue<string>().ShouldBe(to);
    }
}
