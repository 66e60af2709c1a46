using CleanAssistant.Application.Calendars.CreateCalendar;
using CleanAssistant.Application.Calendars.DeleteCalendar;
using CleanAssistant.Application.Calendars.GetCalendar;
using CleanAssistant.Application.Calendars.ListCalendars;
using CleanAssistant.Application.Calendars.RenameCalendar;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Events.GetEvent;
using CleanAssistant.Application.Users.GetMe;
using CleanAssistant.Application.Users.ListUsers;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Application.Users.SignIn;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Tests.Persistence;

public sealed class UserAndCalendarPersistenceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RegisterUser_CreatesTheAccountWithADefaultCalendar_AndNeverStoresThePassword(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);

        var ann = await host.SendAsync(new RegisterUserCommand("  Ann@Example.COM ", "correct horse battery", "Ann", "Europe/Berlin"));

        ann.Email.ShouldBe("ann@example.com");
        (await host.SendAsync(new GetMeQuery(), ann)).TimeZone.ShouldBe("Europe/Berlin");
        var calendars = await host.SendAsync(new ListCalendarsQuery(), ann);
        calendars.ShouldHaveSingleItem().IsDefault.ShouldBeTrue();

        await using var scope = host.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Users.SingleAsync();
        stored.PasswordHash.ShouldStartWith("pbkdf2-sha256$");
        stored.PasswordHash.ShouldNotContain("correct horse battery");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RegisterUser_WithATakenEmail_IsAConflict_EvenWhenRacing(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        await host.RegisterAsync("ann@example.com");

        var again = await Should.ThrowAsync<ConflictException>(() => host.RegisterAsync("ANN@example.com"));
        again.Code.ShouldBe("EMAIL_TAKEN");

        // Past the friendly check, the unique index decides: exactly one of the racers wins.
        var racers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.RegisterAsync("race@example.com"))).ToArray();
        var outcomes = await Task.WhenAll(racers.Select(async r =>
        {
            try
            {
                await r;
                return "ok";
            }
            catch (ConflictException conflict)
            {
                return conflict.Code;
            }
        }));
        outcomes.Count(o => o == "ok").ShouldBe(1);
        outcomes.Where(o => o != "ok").ShouldAllBe(code => code == "EMAIL_TAKEN" || code == "DUPLICATE");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_AcceptsOnlyTheRightPassword_AndUpgradesAWeakHash(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        (await host.SendAsync(new SignInCommand("ann@example.com", "wrong password!"))).ShouldBeNull();
        (await host.SendAsync(new SignInCommand("nobody@example.com", "correct horse battery"))).ShouldBeNull();
        (await host.SendAsync(new SignInCommand("ANN@example.com", "correct horse battery")))!.Id.ShouldBe(ann.Id);

        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var weak = new Identity.Pbkdf2PasswordHasher(Microsoft.Extensions.Options.Options.Create(new Identity.PasswordHashingOptions { Iterations = 1000 }));
            var user = await db.Users.SingleAsync();
            user.ChangePasswordHash(weak.Hash("correct horse battery"));
            await db.SaveChangesAsync();
        }

        (await host.SendAsync(new SignInCommand("ann@example.com", "correct horse battery"))).ShouldNotBeNull();
        await using (var scope = host.CreateScope())
        {
            var hash = (await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Users.SingleAsync()).PasswordHash;
            hash.ShouldStartWith("pbkdf2-sha256$10000$");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Calendars_CreateRenameDelete_DeletingSoftDeletesItsEvents(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var work = await host.SendAsync(new CreateCalendarCommand("Work"), ann);
        var renamed = await host.SendAsync(new RenameCalendarCommand(work.Id, "Job", ExpectedVersion: 1), ann);
        renamed.Name.ShouldBe("Job");
        renamed.Version.ShouldBe(2);
        var inWork = await host.SendAsync(
            new Application.Events.CreateEvent.CreateEventCommand("Review", new Application.Events.EventTimeInput(Start: NodaTime.Instant.FromUtc(2026, 12, 1, 8, 0)), work.Id),
            ann);

        await host.SendAsync(new DeleteCalendarCommand(work.Id), ann);

        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetCalendarQuery(work.Id), ann));
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetEventQuery(inWork.Id), ann));
        (await host.SendAsync(new ListCalendarsQuery(), ann)).Select(c => c.Name).ShouldBe(["Personal"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DefaultCalendar_CannotBeDeleted_AndOthersCalendarsAreNotFound(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync("ann@example.com");
        var bob = await host.RegisterAsync("bob@example.com");
        var annsDefault = (await host.SendAsync(new ListCalendarsQuery(), ann)).Single();

        var refused = await Should.ThrowAsync<DomainException>(() => host.SendAsync(new DeleteCalendarCommand(annsDefault.Id), ann));
        refused.Code.ShouldBe("DEFAULT_CALENDAR");
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new RenameCalendarCommand(annsDefault.Id, "Hacked"), bob));
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetCalendarQuery(annsDefault.Id), bob));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListUsers_IsForAdministratorsOnly(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync("ann@example.com");
        var admin = await host.SendAsync(new RegisterUserCommand("root@example.com", "correct horse battery", "Root", null, AsAdmin: true));

        await Should.ThrowAsync<ForbiddenException>(() => host.SendAsync(new ListUsersQuery(), ann));
        var page = await host.SendAsync(new ListUsersQuery(First: 1), admin);

        admin.Role.ShouldBe(UserRole.Admin);
        page.Items.Count.ShouldBe(1);
        page.HasNextPage.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Initialize_IsIdempotent_AndSeedsTheFirstPartyClient(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        await using var scope = host.CreateScope();

        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        var applications = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
        (await applications.FindByClientIdAsync("cleanassistant-app")).ShouldNotBeNull();
        (await applications.CountAsync()).ShouldBe(1);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse($"the model changed without a {provider} migration: run dotnet ef migrations add (docs/decisions/0004)");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Preferences_RoundTripThroughTheDatabase(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        await host.SendAsync(
            new Application.Users.UpdatePreferences.UpdatePreferencesCommand(
                "Asia/Kolkata", "MO-FR 10:00-18:30", 50, 5, 15, Domain.Scheduling.TimeOfDayPreference.Afternoon, new NodaTime.LocalTime(9, 0), new NodaTime.LocalTime(20, 0),
                NextWeekdayReading.NextWeek, BareHour: BareHourReading.NextOccurrence),
            ann);
        var me = await host.SendAsync(new GetMeQuery(), ann);

        me.TimeZone.ShouldBe("Asia/Kolkata");
        me.Preferences.WorkWeek.ShouldBe("MO,TU,WE,TH,FR 10:00-18:30");
        me.Preferences.DefaultMeetingLength.ShouldBe(NodaTime.Duration.FromMinutes(50));
        me.Preferences.BufferAfter.ShouldBe(NodaTime.Duration.FromMinutes(15));
        me.Preferences.PreferredTimeOfDay.ShouldBe(Domain.Scheduling.TimeOfDayPreference.Afternoon);
        me.Preferences.LatestLocal.ShouldBe(new NodaTime.LocalTime(20, 0));
        me.Preferences.Ambiguity.ShouldBe(new AmbiguityPreferences { NextWeekday = NextWeekdayReading.NextWeek, BareHour = BareHourReading.NextOccurrence });
    }
}
