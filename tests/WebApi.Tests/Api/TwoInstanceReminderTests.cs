using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanAssistant.WebApi.GraphQL.Reminders;
using CleanAssistant.WebApi.Tests.Support;
using CleanAssistant.WebApi.Tests.WebSockets;
using Npgsql;
using Xunit.Abstractions;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>
/// Reminders fired by the real Hangfire servers of two instances sharing one job storage, not by the sweeper on a fake
/// clock. Every reminder has two jobs due at the same instant, one scheduled through each instance, and the sweeper
/// runs every two seconds on both, so workers of both instances race for the same rows; the claim must let
/// exactly one of them deliver.
/// </summary>
[Collection(TwoInstanceTests.Cluster.Collection)]
public sealed partial class TwoInstanceReminderTests(ITestOutputHelper output)
{
    private const int Count = 20;

    [Fact]
    public async Task RemindersDueAtTheSameInstant_ScheduledOnBothInstances_AreDeliveredExactlyOnce()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        var starting = Stopwatch.StartNew();
        await using var cluster = await TwoInstanceTests.Cluster.StartAsync(new Dictionary<string, string?>
        {
            ["Reminders:Smtp:Host"] = "127.0.0.1",
            ["Reminders:Smtp:Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Reminders:Smtp:Security"] = "None",
            ["Reminders:SchedulePollingInterval"] = "00:00:01",
            ["Reminders:QueuePollInterval"] = "00:00:01",
            ["Reminders:SweepCron"] = "*/2 * * * * *",
            ["Serilog:MinimumLevel:Override:CleanAssistant.Infrastructure.Reminders"] = "Information",
        });

        using var one = new HttpClient { BaseAddress = cluster.One.Address };
        one.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RegisterAsync(one));
        using var other = new HttpClient { BaseAddress = cluster.Other.Address };
        other.DefaultRequestHeaders.Authorization = one.DefaultRequestHeaders.Authorization;
        var accessToken = one.DefaultRequestHeaders.Authorization.Parameter!;
        await using var listenerOnOne = await SubscribeAsync(cluster.One.Address, accessToken);
        await using var listenerOnOther = await SubscribeAsync(cluster.Other.Address, accessToken);

        // Created for later, then put off to one shared instant soon through each instance: every reminder has a job
        // scheduled by each instance, both due at the same time. The lead covers the requests, however loaded the
        // machine is (measured, doubled).
        var creating = Stopwatch.StartNew();
        var ids = await CreateRemindersAsync(one, DateTimeOffset.UtcNow.AddHours(1));
        var lead = TimeSpan.FromSeconds(5) + (creating.Elapsed * 4);
        var due = DateTimeOffset.UtcNow.Add(lead);
        await SnoozeRemindersAsync(one, ids, due);
        await SnoozeRemindersAsync(other, ids, due);
        (await RemindersAsync(one)).ShouldAllBe(r => r["state"]!.GetValue<string>() == "SNOOZED", "The requests took longer than the lead: nothing raced.");

        var deadline = DateTime.UtcNow.Add(lead).AddSeconds(30);
        while ((smtp.ReceivedEmailCount < Count || await UnfinishedDeliveryJobsAsync(cluster) > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        // Another sweep and scheduler poll or two: nothing more may arrive.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var expected = Enumerable.Range(0, Count).Select(i => "Reminder: " + Text(i)).ToList();
        smtp.ReceivedEmail.Select(m => m.Headers["Subject"]!).Order().ToList().ShouldBe(expected, cluster.Logs);

        var delivered = (await RemindersAsync(one)).Select(r =>
        {
            r["state"]!.GetValue<string>().ShouldBe("DELIVERED", r.ToJsonString());
            r["attempts"]!.GetValue<int>().ShouldBe(1, r.ToJsonString());
            return r["id"]!.GetValue<string>();
        }).Order().ToList();
        delivered.ShouldBe(ids.Order().ToList());
        (await ReceivedAsync(listenerOnOne)).ShouldBe(delivered);
        (await ReceivedAsync(listenerOnOther)).ShouldBe(delivered);

        // Every reminder had two jobs and both ran (the loser's claim found it taken); both instances' servers worked on
        // the shared storage and ran reminder jobs (deliveries or sweeps); the instance that won a claim logged the
        // delivery, and each reminder was delivered once in all.
        var jobs = await ReminderJobsRunAsync(cluster);
        var deliveries = jobs.Where(j => j.Method == nameof(Infrastructure.Reminders.ReminderJobs.DeliverAsync)).ToList();
        deliveries.Count.ShouldBeGreaterThanOrEqualTo(2 * Count, cluster.Logs);
        jobs.ShouldContain(j => j.ProcessId == cluster.One.ProcessId, cluster.Logs);
        jobs.ShouldContain(j => j.ProcessId == cluster.Other.ProcessId, cluster.Logs);
        var deliveredByOne = DeliveredReminders(cluster.One.Output);
        var deliveredByOther = DeliveredReminders(cluster.Other.Output);
        output.WriteLine(
            $"delivery jobs run by one: {deliveries.Count(j => j.ProcessId == cluster.One.ProcessId)}, by the other: {deliveries.Count(j => j.ProcessId == cluster.Other.ProcessId)}; "
            + $"sweeps by one: {jobs.Count(j => j.ProcessId == cluster.One.ProcessId) - deliveries.Count(j => j.ProcessId == cluster.One.ProcessId)}, "
            + $"by the other: {jobs.Count(j => j.ProcessId == cluster.Other.ProcessId) - deliveries.Count(j => j.ProcessId == cluster.Other.ProcessId)}; "
            + $"reminders delivered by one: {deliveredByOne.Count}, by the other: {deliveredByOther.Count}; lead {lead:g}, {starting.Elapsed:g} in all.");
        deliveredByOne.Concat(deliveredByOther).Order().ToList()
            .ShouldBe(delivered.Select(id => ReminderType.Decode(id).Value.ToString()).Order().ToList(), cluster.Logs);
    }

    private static async Task<List<string>> CreateRemindersAsync(HttpClient http, DateTimeOffset due)
    {
        // One request, one createReminder field (and command) per reminder.
        var fields = string.Concat(Enumerable.Range(0, Count).Select(i => $"r{i}: createReminder(input: {{ text: \"{Text(i)}\", dueAt: $due }}) {{ reminder {{ id }} errors {{ code message }} }} "));
        var created = await http.GraphQLAsync($"mutation($due: DateTime!) {{ {fields}}}", new { due = Iso(due) });
        created["errors"].ShouldBeNull(created.ToJsonString());
        created["data"]!.AsObject().ShouldAllBe(field => field.Value!["errors"]!.AsArray().Count == 0, created.ToJsonString());
        return [.. created["data"]!.AsObject().Select(field => field.Value!["reminder"]!["id"]!.GetValue<string>())];
    }

    private static async Task SnoozeRemindersAsync(HttpClient http, IReadOnlyList<string> ids, DateTimeOffset until)
    {
        var fields = string.Concat(ids.Select((id, i) => $"s{i}: snoozeReminder(input: {{ id: \"{id}\", until: $until }}) {{ errors {{ code message }} }} "));
        var snoozed = await http.GraphQLAsync($"mutation($until: DateTime!) {{ {fields}}}", new { until = Iso(until) });
        snoozed["errors"].ShouldBeNull(snoozed.ToJsonString());
        snoozed["data"]!.AsObject().ShouldAllBe(field => field.Value!["errors"]!.AsArray().Count == 0, snoozed.ToJsonString());
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Text(int i) => $"reminder {i:00}";

    private static async Task<string> RegisterAsync(HttpClient http)
    {
        var registered = await http.GraphQLAsync(
            "mutation { registerUser(input: { email: \"ann@example.com\", password: \"correct horse battery\", displayName: \"Ann\", timeZone: \"Europe/Berlin\" }) { errors { code } } }");
        registered["data"]!["registerUser"]!["errors"]!.AsArray().ShouldBeEmpty();
        var tokens = await http.RequestTokensAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = ApiFactory.ClientId,
            ["username"] = "ann@example.com",
            ["password"] = "correct horse battery",
            ["scope"] = "api",
        });
        return tokens.GetProperty("access_token").GetString()!;
    }

    private static async Task<List<JsonNode>> RemindersAsync(HttpClient http)
    {
        var result = await http.GraphQLAsync("{ reminders(includeFinished: true, first: 200) { id state attempts } }");
        return result["data"]!["reminders"]!.AsArray().Select(r => r!).ToList();
    }

    private static async Task<GraphQLWsTestClient> SubscribeAsync(Uri address, string accessToken)
    {
        var client = await GraphQLWsTestClient.ConnectAndInitAsync(address, accessToken);
        await client.SubscribeAsync("due", "subscription { reminderDue { reminderId text } }");
        // Messages are handled in order: once this query is answered, the subscription is in place.
        await client.SubscribeAsync("ready", "{ __typename }");
        (await client.ReceiveSkippingPingsAsync())!["id"]!.GetValue<string>().ShouldBe("ready");
        (await client.ReceiveSkippingPingsAsync())!["type"]!.GetValue<string>().ShouldBe("complete");
        return client;
    }

    /// <summary>The reminder ids the subscriber heard, in order of id; it must have heard nothing more.</summary>
    private static async Task<List<string>> ReceivedAsync(GraphQLWsTestClient listener)
    {
        var ids = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var message = await listener.ReceiveSkippingPingsAsync();
            message.ShouldNotBeNull();
            message["type"]!.GetValue<string>().ShouldBe("next", message.ToJsonString());
            ids.Add(message["payload"]!["data"]!["reminderDue"]!["reminderId"]!.GetValue<string>());
        }

        try
        {
            var extra = await listener.ReceiveSkippingPingsAsync(TimeSpan.FromSeconds(1));
            extra.ShouldBeNull($"a reminder arrived twice: {extra?.ToJsonString()}");
        }
        catch (OperationCanceledException)
        {
            // nothing more: as it should be
        }

        return ids.Order().ToList();
    }

    /// <summary>How many Hangfire delivery jobs have not run yet (or are running).</summary>
    private static async Task<int> UnfinishedDeliveryJobsAsync(TwoInstanceTests.Cluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%DeliverAsync%' AND statename <> 'Succeeded'",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every reminder job (delivery or sweep) that ran: its method and the process id of the server that ran it.</summary>
    private static async Task<List<(string Method, int ProcessId)>> ReminderJobsRunAsync(TwoInstanceTests.Cluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT j.invocationdata::text, s.data::text FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE s.name = 'Processing'",
            connection);
        var jobs = new List<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var method = JsonNode.Parse(reader.GetString(0))!["Method"]!.GetValue<string>();
            // ServerId is "<our ServerName = machine:pid>:<guid>".
            var serverId = JsonNode.Parse(reader.GetString(1))!["ServerId"]!.GetValue<string>();
            jobs.Add((method, int.Parse(serverId.Split(':')[1], CultureInfo.InvariantCulture)));
        }

        return jobs;
    }

    private static List<string> DeliveredReminders(string log) =>
        DeliveredLine().Matches(log).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("Delivered reminder ([0-9a-f-]{36})")]
    private static partial Regex DeliveredLine();
}
