using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Events;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using FluentValidation;
using ValidationException = CleanAssistant.Application.Common.Exceptions.ValidationException;
using ValidationFailure = CleanAssistant.Application.Common.Exceptions.ValidationFailure;
using NodaTime;

namespace CleanAssistant.Application.Scheduling;

/// <summary>
/// A meeting to find time for: the signed-in user organizes; the others are users of this system
/// named by e-mail address. Their calendars are read as busy blocks only (no titles).
/// </summary>
public sealed record MeetingSearch(
    IReadOnlyList<string> Attendees,
    Duration Duration,
    Instant From,
    Instant To,
    IReadOnlyList<string>? OptionalAttendees = null,
    Duration? MinimumNotice = null,
    SchedulingScope Scope = SchedulingScope.WorkingHours,
    IReadOnlySet<IsoDayOfWeek>? ExcludedDays = null,
    LocalTime? EarliestLocal = null,
    LocalTime? LatestLocal = null,
    double MinimumAttendeePercentage = 100,
    int MaxCandidates = 5);

public sealed class MeetingSearchValidator : AbstractValidator<MeetingSearch>
{
    public const int MaxAttendees = 25;
    public static readonly Duration MaxWindow = Duration.FromDays(62);

    public MeetingSearchValidator()
    {
        RuleFor(s => s.Attendees).Must((s, attendees) => attendees.Count + (s.OptionalAttendees ?? []).Count <= MaxAttendees)
            .WithMessage($"At most {MaxAttendees} attendees.");
        RuleForEach(s => s.Attendees).NotEmpty().EmailAddress();
        RuleForEach(s => s.OptionalAttendees).NotEmpty().EmailAddress();
        RuleFor(s => s.Duration).Must(d => d > Duration.Zero && d <= Duration.FromHours(12)).WithMessage("The meeting must last between 1 minute and 12 hours.");
        RuleFor(s => s.To).GreaterThan(s => s.From).WithMessage("'to' must be after 'from'.");
        RuleFor(s => s.To).Must((s, to) => to - s.From <= MaxWindow).WithMessage("The search window may span at most 62 days.");
        RuleFor(s => s.MinimumNotice).Must(n => n is null || n >= Duration.Zero).WithMessage("The minimum notice must not be negative.");
        RuleFor(s => s.MinimumAttendeePercentage).InclusiveBetween(0, 100);
        RuleFor(s => s.MaxCandidates).InclusiveBetween(1, 50);
        RuleFor(s => s.Scope).IsInEnum();
    }
}

internal static class MeetingSearchLoader
{
    /// <summary>Busy blocks are read this far around the window, for buffers and for the "next week" relaxation.</summary>
    private static readonly Duration Margin = Duration.FromDays(8);

    public static async Task<MeetingRequest> LoadAsync(
        this IApplicationDbContext db, MeetingSearch search, UserId organizer, TimeProvider time, CancellationToken cancellationToken)
    {
        var required = search.Attendees.Select(User.NormalizeEmail).ToList();
        var optional = (search.OptionalAttendees ?? []).Select(User.NormalizeEmail).Except(required).ToList();
        var emails = required.Concat(optional).Distinct().ToList();
        var people = await db.Users.Where(u => u.Id == organizer || emails.Contains(u.Email))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.TimeZone, u.Preferences })
            .ToListAsync(cancellationToken);
        var unknown = emails.Except(people.Select(p => p.Email)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationException([new ValidationFailure("attendees", $"No user with the e-mail address {string.Join(", ", unknown)}.")]);
        }

        var ids = people.Select(p => p.Id).ToList();
        var from = search.From - Margin;
        var to = search.To + Margin;
        var events = await db.Events.Where(e => ids.Contains(e.OwnerId)).ExpandAsync(from, to, cancellationToken);
        var busyByOwner = events.ToLookup(
            e => e.Event.OwnerId,
            e => new BusyBlock(e.Occurrence.Start, e.Occurrence.End, e.Event.ShowAs, e.Event.IsAllDay, e.Event.Id.Value, e.Event.IsFlexible));

        var organizerRow = people.Single(p => p.Id == organizer);
        var ordered = new[] { organizerRow }.Concat(people.Where(p => p.Id != organizer).OrderBy(p => emails.IndexOf(p.Email)));
        var attendees = ordered.Select(p => new Attendee(p.Email, p.DisplayName, p.Preferences.WorkingHoursIn(p.TimeZone), [.. busyByOwner[p.Id]])
        {
            Preferences = p.Preferences.ToSchedulingPreferences(),
            IsOptional = p.Id != organizer && optional.Contains(p.Email),
        }).ToList();

        return new MeetingRequest(attendees, search.Duration, new Interval(search.From, search.To), time.GetCurrentInstant())
        {
            MinimumNotice = search.MinimumNotice ?? Duration.Zero,
            Scope = search.Scope,
            ExcludedDays = search.ExcludedDays ?? new HashSet<IsoDayOfWeek>(),
            EarliestLocal = search.EarliestLocal,
            LatestLocal = search.LatestLocal,
            MinimumAttendeePercentage = search.MinimumAttendeePercentage,
            MaxCandidates = search.MaxCandidates,
        };
    }
}
