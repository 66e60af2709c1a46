using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using Mediator;
using NodaTime;
using NSubstitute;

namespace CleanAssistant.Application.Tests.Support;

/// <summary>Valid inputs with sensible defaults, and the small fakes the behaviours need.</summary>
internal static class Builders
{
    public static readonly Instant Now = Instant.FromUtc(2025, 6, 2, 9, 0);

    public static TimeZoneId Berlin => TimeZoneId.From("Europe/Berlin");

    public static TimeZoneId NewYork => TimeZoneId.From("America/New_York");

    public static Instant Utc(int year, int month, int day, int hour, int minute = 0) =>
        Instant.FromUtc(year, month, day, hour, minute);

    public static EventTime Timed(Instant start, int minutes, TimeZoneId? zone = null) =>
        EventTime.Timed(start, start + Duration.FromMinutes(minutes), zone ?? Berlin);

    /// <summary>An all-day event of <paramref name="days"/> whole days from <paramref name="first"/>.</summary>
    public static EventTime AllDay(LocalDate first, int days = 1, TimeZoneId? zone = null) =>
        EventTime.AllDay(first, first.PlusDays(days), zone ?? Berlin);

    public static RegisterUserCommand ARegistration(
        string email = "alice@example.com",
        string password = "correct horse battery staple",
        string displayName = "Alice",
        string? timeZone = "Europe/Berlin") =>
        new(email, password, displayName, timeZone);

    public static CreateEventCommand ACreateEvent(string title = "Dentist", EventTimeInput? time = null) =>
        new(title, time ?? new EventTimeInput(Start: Utc(2025, 6, 3, 10)));

    public static ICurrentUser Anonymous()
    {
        var user = Substitute.For<ICurrentUser>();
        user.Id.Returns((UserId?)null);
        return user;
    }

    /// <param name="role">The user's role.</param>
    /// <param name="scopes">The token's scopes; null: all of them.</param>
    public static ICurrentUser SignedIn(UserRole role = UserRole.User, IReadOnlyList<string>? scopes = null)
    {
        var user = Substitute.For<ICurrentUser>();
        user.Id.Returns(UserId.New());
        user.IsInRole(Arg.Any<UserRole>()).Returns(call => call.Arg<UserRole>() == role);
        user.HasScope(Arg.Any<string>()).Returns(call => scopes is null || scopes.Contains(call.Arg<string>()));
        return user;
    }

    /// <summary>The rest of the pipeline, answering <paramref name="response"/>.</summary>
    public static FakeNext<TMessage, TResponse> Next<TMessage, TResponse>(TResponse response)
        where TMessage : notnull, IMessage => new(_ => ValueTask.FromResult(response));

    /// <summary>The rest of the pipeline, failing with <paramref name="exception"/> as an async handler would.</summary>
    public static FakeNext<TMessage, TResponse> Throwing<TMessage, TResponse>(Exception exception)
        where TMessage : notnull, IMessage => new(_ => ValueTask.FromException<TResponse>(exception));
}
