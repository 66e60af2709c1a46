using System.Collections.Concurrent;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Reminders.CreateReminder;
using CleanAssistant.Application.Reminders.DismissReminder;
using CleanAssistant.Application.Reminders.ListReminders;
using CleanAssistant.Application.Reminders.SetEventReminders;
using CleanAssistant.Application.Reminders.SnoozeReminder;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Application.Users;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Reminders;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using netDumbster.smtp;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Reminders;

public sealed class ReminderTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 27, 9, 0);

    [Fact]
    public async Task SchedulePollingInterval_NotPositive_IsRefusedNamingTheKey()
    {
        await using var host = await UseCaseHost.StartAsync(DatabaseProvider.Sqlite, [new("Reminders:SchedulePollingInterval", "00:00:00")]);

        var failure = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ReminderOptions>>().Value);

        failure.Failures.ShouldBe(["Reminders:SchedulePollingInterval must be positive."]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateReminder_InTwoHours_IsListedAsUpcomingAndScheduledAsAJob(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var created = await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 120), ann);

        created.DueAt.ShouldBe(Now + Duration.FromHours(2));
        created.State.ShouldBe(ReminderState.Scheduled);
        var listed = await host.SendAsync(new ListRemindersQuery(), ann);
        listed.Select(r => (r.Id, r.Text)).ShouldBe([(created.Id, "Call Bob")]);
        host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateReminder_InThePastOrWithoutTime_IsRejected(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        await Should.ThrowAsync<ValidationException>(() => host.SendAsync(new CreateReminderCommand("Call Bob"), ann));
        var past = await Should.ThrowAsync<Domain.Common.DomainException>(() => host.SendAsync(new CreateReminderCommand("Call Bob", DueAt: Now - Duration.FromMinutes(1)), ann));
        past.Code.ShouldBe("REMINDER_IN_PAST");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SnoozeAndDismiss_MoveTheReminderAndTakeItOffTheList(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var reminder = await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 30), ann);

        var snoozed = await host.SendAsync(new SnoozeReminderCommand(reminder.Id, Minutes: 90), ann);
        snoozed.State.ShouldBe(ReminderState.Snoozed);
        snoozed.DueAt.ShouldBe(Now + Duration.FromMinutes(90));
        (await host.SendAsync(new ListRemindersQuery(), ann)).Single().DueAt.ShouldBe(snoozed.DueAt);

        var dismissed = await host.SendAsync(new DismissReminderCommand(reminder.Id), ann);
        dismissed.State.ShouldBe(ReminderState.Dismissed);
        (await host.SendAsync(new ListRemindersQuery(), ann)).ShouldBeEmpty();
        (await host.SendAsync(new ListRemindersQuery(IncludeFinished: true), ann)).Single().State.ShouldBe(ReminderState.Dismissed);

        host.Clock.Advance(TimeSpan.FromHours(3));
        (await SweepAsync(host)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnotherUsersReminder_IsNotFound(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var bob = await host.RegisterAsync("bob@example.com");
        var reminder = await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 30), ann);

        (await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new SnoozeReminderCommand(reminder.Id, Minutes: 5), bob))).Code.ShouldBe("NOT_FOUND");
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new DismissReminderCommand(reminder.Id), bob));
        (await host.SendAsync(new ListRemindersQuery(), bob)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_ByManyConcurrentDeliveries_HasExactlyOneWinner(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var reminder = await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 30), ann);
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        using var start = new ManualResetEventSlim();
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await using var scope = host.CreateScope();
            var delivery = scope.ServiceProvider.GetRequiredService<ReminderDelivery>();
            start.Wait();
            return await delivery.ClaimAsync(reminder.Id, CancellationToken.None);
        })).Append(Task.Run(() => { start.Set(); return (string?)null; })));

        claims.Count(c => c is not null).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_BeforeTheDueTime_WinsNothing(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var reminder = await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 30), ann);

        await using var scope = host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<ReminderDelivery>().ClaimAsync(reminder.Id, CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DueReminder_IsEmailedAndPublishedOnce(DatabaseProvider provider)
    {
        using var smtp = Configuration.Configure().WithRandomPort().Build();
        await using var host = await UseCaseHost.StartAsync(provider, SmtpSettings(smtp));
        var ann = await host.RegisterAsync();
        var reminder = await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 30), ann);
        var seen = new ConcurrentQueue<LiveEvent>();
        using var watch = host.Services.GetRequiredService<ILiveEvents>().Watch(ann.Id).Subscribe(new Observer(seen.Enqueue));
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        await using (var scope = host.CreateScope())
        {
            var delivery = scope.ServiceProvider.GetRequiredService<ReminderDelivery>();
            (await delivery.DeliverAsync(reminder.Id, CancellationToken.None)).ShouldBeTrue();
            (await delivery.DeliverAsync(reminder.Id, CancellationToken.None)).ShouldBeFalse();
        }

        (await SweepAsync(host)).ShouldBe(0);
        smtp.ReceivedEmailCount.ShouldBe(1);
        smtp.ReceivedEmail[0].ToAddresses.Single().Address.ShouldBe("ann@example.com");
        smtp.ReceivedEmail[0].Headers["Subject"].ShouldBe("Reminder: Call Bob");
        var due = seen.OfType<ReminderDue>().ShouldHaveSingleItem();
        (due.ReminderId, due.Text).ShouldBe((reminder.Id, "Call Bob"));
        var listed = (await host.SendAsync(new ListRemindersQuery(IncludeFinished: true), ann)).Single();
        listed.State.ShouldBe(ReminderState.Delivered);
        listed.Attempts.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UnreachableMailServer_LeavesTheReminderToRetry_ThenFailed(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider, [new("Reminders:Smtp:Host", "127.0.0.1"), new("Reminders:Smtp:Port", "1"), new("Reminders:Smtp:Security", "None")]);
        var ann = await host.RegisterAsync();
        await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 30), ann);

        for (var attempt = 1; attempt <= Reminder.MaxAttempts; attempt++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(30));
            (await SweepAsync(host)).ShouldBe(0);
            var state = (await host.SendAsync(new ListRemindersQuery(IncludeFinished: true), ann)).Single();
            (state.State, state.Attempts).ShouldBe((attempt < Reminder.MaxAttempts ? ReminderState.Scheduled : ReminderState.Failed, attempt));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PendingReminder_SurvivesARestart_AndTheNewHostDeliversIt(DatabaseProvider provider)
    {
        using var smtp = Configuration.Configure().WithRandomPort().Build();
        await using var database = await TestDatabase.CreateAsync(provider);
        UserDto ann;
        await using (var first = await UseCaseHost.StartAsync(database, SmtpSettings(smtp), ownsDatabase: false))
        {
            ann = await first.RegisterAsync();
            await first.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 120), ann);
        }

        await using var second = await UseCaseHost.StartAsync(database, SmtpSettings(smtp), ownsDatabase: false);
        (await ReminderStartup.RefillAsync(second.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None)).ShouldBe(1);
        second.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount().ShouldBeGreaterThanOrEqualTo(1);
        second.Clock.Advance(TimeSpan.FromHours(2));

        (await SweepAsync(second)).ShouldBe(1);
        smtp.ReceivedEmailCount.ShouldBe(1);
        (await second.SendAsync(new ListRemindersQuery(IncludeFinished: true), ann)).Single().State.ShouldBe(ReminderState.Delivered);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RecurringEventReminders_FirePerOccurrence(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var firstStart = Now + Duration.FromDays(1);
        var standup = await host.SendAsync(
            new CreateEventCommand("Standup", new EventTimeInput(Start: firstStart, End: firstStart + Duration.FromMinutes(15), TimeZone: "Europe/Berlin"), Recurrence: "FREQ=DAILY;COUNT=3"),
            ann);

        var set = await host.SendAsync(new SetEventRemindersCommand(standup.Id, [60, 10]), ann);
        set.Select(r => (r.MinutesBefore, r.DueAt, r.Text)).ShouldBe([(10, firstStart - Duration.FromMinutes(10), "Standup"), (60, firstStart - Duration.FromMinutes(60), "Standup")]);

        var delivered = 0;
        for (var day = 0; day < 4; day++)
        {
            host.Clock.Advance(TimeSpan.FromDays(1));
            delivered += await SweepAsync(host);
        }

        delivered.ShouldBe(6);
        var all = await host.SendAsync(new ListRemindersQuery(IncludeFinished: true), ann);
        all.Select(r => r.OccurrenceStart).Distinct().ShouldBe([firstStart, firstStart + Duration.FromDays(1), firstStart + Duration.FromDays(2)]);
        all.ShouldAllBe(r => r.State == ReminderState.Delivered);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetEventReminders_ReplacesThePreviousOnes(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var start = Now + Duration.FromDays(1);
        var lunch = await host.SendAsync(new CreateEventCommand("Lunch", new EventTimeInput(Start: start, End: start + Duration.FromHours(1), TimeZone: "UTC")), ann);

        await host.SendAsync(new SetEventRemindersCommand(lunch.Id, [15, 30]), ann);
        await host.SendAsync(new SetEventRemindersCommand(lunch.Id, [5]), ann);

        (await host.SendAsync(new ListRemindersQuery(), ann)).Select(r => r.MinutesBefore).ShouldBe([5]);
        var bob = await host.RegisterAsync("bob@example.com");
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new SetEventRemindersCommand(lunch.Id, [5]), bob));
    }

    private static IEnumerable<KeyValuePair<string, string?>> SmtpSettings(SimpleSmtpServer smtp) =>
    [
        new("Reminders:Smtp:Host", "127.0.0.1"),
        new("Reminders:Smtp:Port", smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Reminders:Smtp:Security", "None"),
    ];

    private static async Task<int> SweepAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDelivery>().SweepAsync(CancellationToken.None);
    }

    private sealed class Observer(Action<LiveEvent> onNext) : IObserver<LiveEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(LiveEvent value) => onNext(value);
    }
}
