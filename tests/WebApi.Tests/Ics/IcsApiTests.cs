using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Ics;

/// <summary>ICS export over HTTP (checked by ical.js) and import through a GraphQL multipart request.</summary>
public sealed class IcsApiTests
{
    private const string From = "2026-10-01T00:00:00Z";
    private const string To = "2027-01-15T00:00:00Z";
    private const string ImportMutation =
        "mutation($file: Upload!, $calendarId: ID) { importCalendar(file: $file, calendarId: $calendarId) { calendar { id name } imported skipped problems { line uid message } errors { code message field } } }";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportEndpoint_NeedsAToken_GivesTextCalendar_AndIs404ForOthersCalendars(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        using var bob = api.CreateClient(await api.SignUpAsync("bob@example.com"));
        using var anonymous = api.CreateClient();
        var url = await ExportUrlAsync(ann);

        using var exported = await ann.GetAsync(url);
        using var forBob = await bob.GetAsync(url);
        using var forNobody = await anonymous.GetAsync(url);
        using var malformed = await ann.GetAsync("/calendars/not-an-id/export.ics");

        url.ShouldStartWith("/calendars/");
        exported.StatusCode.ShouldBe(HttpStatusCode.OK);
        exported.Content.Headers.ContentType!.ToString().ShouldBe("text/calendar; charset=utf-8");
        exported.Content.Headers.ContentDisposition!.FileName.ShouldBe("Personal.ics");
        (await exported.Content.ReadAsStringAsync()).ShouldStartWith("BEGIN:VCALENDAR\r\n");
        forBob.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        forBob.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        forNobody.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task IcalJs_SeesTheSameOccurrencesInOurExport_AsOurApiShows()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        await CreateSampleEventsAsync(client);
        var file = Path.Combine(Path.GetTempPath(), $"cleanassistant-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, await client.GetStringAsync(await ExportUrlAsync(client)));

        try
        {
            var result = await NodeTooling.RunScriptAsync("icaljs.mjs", [file, From, To], TimeSpan.FromMinutes(2));
            result.ExitCode.ShouldBe(0, result.StandardError);
            var seen = JsonNode.Parse(result.StandardOutput)!;
            var theirs = seen["events"]!.AsArray()
                .SelectMany(e => e!["occurrences"]!.AsArray().Select(o => $"{o!["summary"]}|{o["start"]}|{o["end"]}"))
                .Order(StringComparer.Ordinal).ToList();
            var ours = (await client.GraphQLAsync(
                    "query($from: DateTime!, $to: DateTime!) { events(from: $from, to: $to, first: 200) { nodes { title start end isAllDay startDate endDate } } }",
                    new { from = From, to = To }))["data"]!["events"]!["nodes"]!.AsArray()
                .Select(e => e!["isAllDay"]!.GetValue<bool>()
                    ? $"{e["title"]}|{e["startDate"]}|{DayAfter(e["endDate"]!.GetValue<string>())}"
                    : $"{e["title"]}|{e["start"]}|{e["end"]}")
                .Order(StringComparer.Ordinal).ToList();

            seen["name"]!.GetValue<string>().ShouldBe("Personal");
            theirs.ShouldBe(ours);
            ours.Count.ShouldBe(7, "flight, trip, holiday, four standups (one deleted, one moved)");
            var standup = seen["events"]!.AsArray().Single(e => e!["summary"]!.GetValue<string>() == "Standup")!;
            standup["zone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
            seen["events"]!.AsArray().Single(e => e!["summary"]!.GetValue<string>() == "Holiday")!["transparency"]!.GetValue<string>().ShouldBe("TRANSPARENT");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ImportCalendar_ThroughAMultipartRequest_AddsTheEvents_AndAgainAddsNothing()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        var ics = Encoding.UTF8.GetBytes(SampleIcs);

        using var first = await PostMultipartAsync(client, ImportMutation, new { file = (object?)null }, """{ "0": ["variables.file"] }""", ("0", "team.ics", ics));
        var imported = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["data"]!["importCalendar"]!;
        var calendarId = imported["calendar"]!["id"]!.GetValue<string>();
        using var second = await PostMultipartAsync(
            client, ImportMutation, new { file = (object?)null, calendarId }, """{ "0": ["variables.file"] }""", ("0", "team.ics", ics));
        var again = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["data"]!["importCalendar"]!;
        using var notIcs = await PostMultipartAsync(client, ImportMutation, new { file = (object?)null }, """{ "0": ["variables.file"] }""", ("0", "notes.txt", "hello"u8.ToArray()));
        var rejected = JsonNode.Parse(await notIcs.Content.ReadAsStringAsync())!["data"]!["importCalendar"]!;

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        imported["errors"]!.AsArray().ShouldBeEmpty();
        imported["calendar"]!["name"]!.GetValue<string>().ShouldBe("Team");
        imported["imported"]!.GetValue<int>().ShouldBe(2);
        imported["problems"]!.AsArray().ShouldHaveSingleItem()!["uid"]!.GetValue<string>().ShouldBe("broken@example.com");
        again["imported"]!.GetValue<int>().ShouldBe(0);
        again["skipped"]!.GetValue<int>().ShouldBe(3);
        rejected["calendar"].ShouldBeNull();
        rejected["errors"]!.AsArray().ShouldHaveSingleItem()!["code"]!.GetValue<string>().ShouldBe("VALIDATION");
        rejected["errors"]![0]!["field"]!.GetValue<string>().ShouldBe("file");
    }

    [Fact]
    public async Task MultipartRequests_WithoutPreflightHeader_WithWrongMap_OrTooLarge_AreRefusedWithGraphQLErrors()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        var ics = Encoding.UTF8.GetBytes(SampleIcs);

        using var noPreflight = await PostMultipartAsync(client, ImportMutation, new { file = (object?)null }, """{ "0": ["variables.file"] }""", ("0", "a.ics", ics), preflight: false);
        using var wrongPart = await PostMultipartAsync(client, ImportMutation, new { file = (object?)null }, """{ "1": ["variables.file"] }""", ("0", "a.ics", ics));
        using var wrongPath = await PostMultipartAsync(client, ImportMutation, new { file = (object?)null }, """{ "0": ["variables.nothing.here"] }""", ("0", "a.ics", ics));
        using var notJson = await PostMultipartAsync(client, ImportMutation, new { file = (object?)null }, "[", ("0", "a.ics", ics));
        using var tooLarge = await PostMultipartAsync(client, ImportMutation, new { file = (object?)null }, """{ "0": ["variables.file"] }""", ("0", "big.ics", new byte[(25 * 1024 * 1024) + 1]));

        await ShouldBeErrorAsync(noPreflight, HttpStatusCode.BadRequest, "PREFLIGHT_REQUIRED");
        await ShouldBeErrorAsync(wrongPart, HttpStatusCode.BadRequest, "INVALID_MAP");
        await ShouldBeErrorAsync(wrongPath, HttpStatusCode.BadRequest, "INVALID_MAP");
        await ShouldBeErrorAsync(notJson, HttpStatusCode.BadRequest, "INVALID_MAP");
        await ShouldBeErrorAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        (await client.GraphQLAsync("{ calendars { name } }"))["data"]!["calendars"]!.AsArray().Count.ShouldBe(1, "nothing was imported");
    }

    private const string SampleIcs = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nX-WR-CALNAME:Team\r\n"
        + "BEGIN:VEVENT\r\nUID:retro@example.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261204T140000\r\nDTEND;TZID=Europe/Berlin:20261204T150000\r\nSUMMARY:Retro\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:offsite@example.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261210\r\nDTEND;VALUE=DATE:20261212\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:broken@example.com\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
        + "END:VCALENDAR\r\n";

    /// <summary>The API's endDate is the last day; iCalendar's DTEND is the day after it.</summary>
    private static string DayAfter(string date) =>
        DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ExportUrlAsync(HttpClient client)
    {
        // Calendar.exportUrl gives the same relative URL once CalendarType calls AddExportUrlField().
        var calendars = await client.GraphQLAsync("{ calendars { id } }");
        return $"/calendars/{Uri.EscapeDataString(calendars["data"]!["calendars"]![0]!["id"]!.GetValue<string>())}/export.ics";
    }

    private static async Task CreateSampleEventsAsync(HttpClient client)
    {
        const string create = "mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } errors { code message } } }";
        await client.GraphQLAsync(create, new { input = new { title = "Flight", start = "2026-12-03T15:00:00Z", end = "2026-12-03T23:00:00Z", timeZone = "America/New_York" } });
        await client.GraphQLAsync(create, new { input = new { title = "Trip", isAllDay = true, startDate = "2026-12-24", endDate = "2026-12-28" } });
        await client.GraphQLAsync(create, new { input = new { title = "Holiday", start = "2026-12-31T17:00:00Z", end = "2026-12-31T23:00:00Z", showAs = "FREE" } });
        var standup = await client.GraphQLAsync(create, new { input = new { title = "Standup", start = "2026-10-19T07:00:00Z", end = "2026-10-19T07:15:00Z", timeZone = "Europe/Berlin", recurrence = "FREQ=WEEKLY;BYDAY=MO;COUNT=5" } });
        var seriesId = standup["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();
        var deleted = await client.GraphQLAsync(
            "mutation($input: DeleteOccurrenceInput!) { deleteOccurrence(input: $input) { errors { code message } } }",
            new { input = new { seriesId, recurrenceId = "2026-10-26T09:00:00", scope = "THIS" } });
        deleted["data"]!["deleteOccurrence"]!["errors"]!.AsArray().ShouldBeEmpty();
        var moved = await client.GraphQLAsync(
            "mutation($input: UpdateOccurrenceInput!) { updateOccurrence(input: $input) { errors { code message } } }",
            new { input = new { seriesId, recurrenceId = "2026-11-02T09:00:00", scope = "THIS", title = "Standup (moved)", start = "2026-11-03T13:00:00Z", end = "2026-11-03T13:30:00Z" } });
        moved["data"]!["updateOccurrence"]!["errors"]!.AsArray().ShouldBeEmpty();
    }

    private static async Task<HttpResponseMessage> PostMultipartAsync(
        HttpClient client, string query, object variables, string map, (string Name, string FileName, byte[] Content) file, bool preflight = true)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8), "operations");
        content.Add(new StringContent(map, Encoding.UTF8), "map");
        var part = new ByteArrayContent(file.Content);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        content.Add(part, file.Name, file.FileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (preflight)
        {
            request.Headers.Add("GraphQL-Preflight", "1");
        }

        return await client.SendAsync(request);
    }

    private static async Task ShouldBeErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.ShouldBe(status, body.ToJsonString());
        body.ErrorCode().ShouldBe(code);
    }
}
