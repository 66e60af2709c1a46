using System.Net;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.WebApi.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.WebApi.Tests.Api;

public sealed class ReminderApiTests
{
    [Fact]
    public async Task Reminders_AreCreatedListedSnoozedAndDismissed_OnlyByTheirOwner()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        using var bob = api.CreateClient(await api.SignUpAsync("bob@example.com"));

        var created = await ann.GraphQLAsync("mutation { createReminder(input: { text: \"Call Bob\", inMinutes: 120 }) { reminder { id text state } errors { code } } }");
        created["data"]!["createReminder"]!["errors"]!.AsArray().ShouldBeEmpty();
        var id = created["data"]!["createReminder"]!["reminder"]!["id"]!.GetValue<string>();
        var listed = await ann.GraphQLAsync("{ reminders { id text state } }");
        listed["data"]!["reminders"]!.AsArray().Select(r => r!["text"]!.GetValue<string>()).ShouldBe(["Call Bob"]);

        var snoozed = await ann.GraphQLAsync("mutation($id: ID!) { snoozeReminder(input: { id: $id, minutes: 30 }) { reminder { state } errors { code } } }", new { id });
        snoozed["data"]!["snoozeReminder"]!["reminder"]!["state"]!.GetValue<string>().ShouldBe("SNOOZED");
        var stolen = await bob.GraphQLAsync("mutation($id: ID!) { dismissReminder(input: { id: $id }) { reminder { state } errors { code } } }", new { id });
        stolen["data"]!["dismissReminder"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("NOT_FOUND");
        var dismissed = await ann.GraphQLAsync("mutation($id: ID!) { dismissReminder(input: { id: $id }) { reminder { state } errors { code } } }", new { id });
        dismissed["data"]!["dismissReminder"]!["reminder"]!["state"]!.GetValue<string>().ShouldBe("DISMISSED");
        (await ann.GraphQLAsync("{ reminders { id } }"))["data"]!["reminders"]!.AsArray().ShouldBeEmpty();

        var invalid = await ann.GraphQLAsync("mutation { createReminder(input: { text: \"Call Bob\" }) { reminder { id } errors { code } } }");
        invalid["data"]!["createReminder"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("VALIDATION");
    }

    [Fact]
    public async Task SetEventReminders_SchedulesOnePerValue()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        var start = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:00'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var created = await ann.GraphQLAsync("mutation($start: DateTime!) { createEvent(input: { title: \"Dentist\", start: $start }) { event { id } } }", new { start });
        var eventId = created["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();

        var set = await ann.GraphQLAsync(
            "mutation($id: ID!) { setEventReminders(input: { eventId: $id, minutesBefore: [60, 10] }) { reminders { text minutesBefore eventId } errors { code } } }", new { id = eventId });

        set["data"]!["setEventReminders"]!["errors"]!.AsArray().ShouldBeEmpty();
        set["data"]!["setEventReminders"]!["reminders"]!.AsArray().Select(r => (r!["minutesBefore"]!.GetValue<int>(), r["text"]!.GetValue<string>(), r["eventId"]!.GetValue<string>()))
            .ShouldBe([(10, "Dentist", eventId), (60, "Dentist", eventId)]);
    }

    [Fact]
    public async Task SetReminderWebhookAndAgendaBriefing_AreSetThroughGraphQL()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));

        var set = await ann.GraphQLAsync("mutation { setReminderWebhook(input: { url: \"https://example.com/hook\", secret: \"a-long-enough-shared-secret\" }) { url errors { code } } }");
        set["data"]!["setReminderWebhook"]!["url"]!.GetValue<string>().ShouldBe("https://example.com/hook");
        var refused = await ann.GraphQLAsync("mutation { setReminderWebhook(input: { url: \"https://example.com/hook\", secret: \"short\" }) { url errors { code field } } }");
        refused["data"]!["setReminderWebhook"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("VALIDATION");

        var briefing = await ann.GraphQLAsync("mutation { setAgendaBriefing(input: { at: \"07:30\" }) { at errors { code } } }");
        briefing["data"]!["setAgendaBriefing"]!["at"]!.GetValue<string>().ShouldBe("07:30");
    }

    [Fact]
    public async Task HangfireDashboard_IsForAdministratorsOnly()
    {
        await using var api = await ApiFactory.CreateAsync();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterUserCommand("root@example.com", ApiFactory.Password, "Root", null, AsAdmin: true));
        }

        using var anonymous = api.CreateClient();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        var tokens = await anonymous.RequestTokensAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = ApiFactory.ClientId,
            ["username"] = "root@example.com",
            ["password"] = ApiFactory.Password,
            ["scope"] = "api",
        });
        using var admin = api.CreateClient(new ApiUser("root@example.com", tokens.GetProperty("access_token").GetString()!, string.Empty));

        (await anonymous.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ann.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
