using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Reminders.SetAgendaBriefing;
using CleanAssistant.Application.Users.UpdatePreferences;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Reminders;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Reminders;

public sealed class AgendaBriefingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Briefing_IsADailyJobAtTheLocalTime_AndMailsTodaysAgenda(DatabaseProvider provider)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var host = await UseCaseHost.StartAsync(provider,
        [
            new("Reminders:Smtp:Host", "127.0.0.1"),
            new("Reminders:Smtp:Port", smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Reminders:Smtp:Security", "None"),
        ]);
        var ann = await host.RegisterAsync();
        var lunch = Instant.FromUtc(2026, 11, 27, 11, 30);
        await host.SendAsync(new CreateEventCommand("Lunch with Bob", new EventTimeInput(Start: lunch, End: lunch + Duration.FromHours(1), TimeZone: "Europe/Berlin")), ann);

        (await host.SendAsync(new SetAgendaBriefingCommand(new LocalTime(7, 30)), ann)).ShouldBe(new LocalTime(7, 30));

        using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = connection.GetRecurringJobs().ShouldHaveSingleItem();
            (job.Cron, job.TimeZoneId).ShouldBe(("30 7 * * *", "Europe/Berlin"));
        }

        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AgendaBriefingSender>().SendAsync(ann.Id, CancellationToken.None)).ShouldBeTrue();
        }

        var mail = smtp.ReceivedEmail.ShouldHaveSingleItem();
        mail.Headers["Subject"].ShouldBe("Your agenda for Friday 27 November: 1 event(s)");
        mail.MessageParts[0].BodyData.ShouldContain("12:30–13:30  Lunch with Bob");

        await host.SendAsync(new SetAgendaBriefingCommand(null), ann);
        using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            connection.GetRecurringJobs().ShouldBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Briefing_StaysAtTheLocalTime_WhenTheUserMovesToAnotherZone(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        await host.SendAsync(new SetAgendaBriefingCommand(new LocalTime(7, 30)), ann);

        await host.SendAsync(new UpdatePreferencesCommand(TimeZone: "America/New_York"), ann);

        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().ShouldHaveSingleItem();
        (job.Cron, job.TimeZoneId).ShouldBe(("30 7 * * *", "America/New_York"));
    }
}
