using System.Globalization;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.FindConflicts;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Scheduling;
using FluentValidation;
using Mediator;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Application.Scheduling.ResolveConflict;

public enum ResolutionKind
{
    /// <summary>Book the new event at another time.</summary>
    MoveNew,

    /// <summary>Keep the new event's time and move the conflicting flexible events elsewhere.</summary>
    MoveExisting,
}

/// <summary>A flexible event moving to a new start (it keeps its length).</summary>
public sealed record EventMove(EventId EventId, string Title, Instant From, Instant To);

/// <summary>One concrete way out of a conflict; apply it with <see cref="ResolveConflictCommand"/>.</summary>
public sealed record Resolution(ResolutionKind Kind, Interval NewEventTime, IReadOnlyList<EventMove> Moves, string Description, IReadOnlyList<string> Consequences);

public sealed record ConflictResolutions(IReadOnlyList<EventDto> Conflicts, IReadOnlyList<Resolution> Resolutions);

/// <summary>
/// For a proposed new event: what it would conflict with, and concrete resolutions — the best other
/// times for it, and (when every conflicting event is flexible) moving those to their best times instead.
/// </summary>
public sealed record ProposeResolutionsQuery(Instant Start, Instant End, string Title = "New event", int MaxAlternatives = 3)
    : IQuery<ConflictResolutions>, IRequireUser;

public sealed class ProposeResolutionsQueryValidator : AbstractValidator<ProposeResolutionsQuery>
{
    public ProposeResolutionsQueryValidator()
    {
        RuleFor(q => q.End).GreaterThan(q => q.Start).WithMessage("'end' must be after 'start'.");
        RuleFor(q => q.End).Must((q, end) => end - q.Start <= Duration.FromHours(12)).WithMessage("Resolutions are for events of at most 12 hours.");
        RuleFor(q => q.MaxAlternatives).InclusiveBetween(1, 10);
    }
}

public sealed class ProposeResolutionsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : IQueryHandler<ProposeResolutionsQuery, ConflictResolutions>
{
    /// <summary>How far ahead other times are looked for.</summary>
    private static readonly Duration Horizon = Duration.FromDays(7);

    public async ValueTask<ConflictResolutions> Handle(ProposeResolutionsQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var conflicts = await db.FindConflictsAsync(owner, query.Start, query.End, ignoring: null, cancellationToken);
        if (conflicts.Count == 0)
        {
            return new ConflictResolutions([], []);
        }

        var me = await db.Users.Where(u => u.Id == owner).Select(u => new { u.Email, u.DisplayName, u.TimeZone, u.Preferences }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new Common.Exceptions.UnauthenticatedException();
        var now = timeProvider.GetCurrentInstant();
        var windowStart = Instant.Max(query.Start - Duration.FromDays(1), now);
        var shown = await db.Events.Where(e => e.OwnerId == owner).ExpandAsync(windowStart - Duration.FromDays(1), query.End + Horizon + Duration.FromDays(1), cancellationToken);
        var busy = shown.Select(x => new BusyBlock(x.Occurrence.Start, x.Occurrence.End, x.Event.ShowAs, x.Event.IsAllDay, x.Event.Id.Value, x.Event.IsFlexible)).ToList();
        var zone = me.TimeZone.Zone;
        var workingHours = me.Preferences.WorkingHoursIn(me.TimeZone);

        MeetingRequest Request(IReadOnlyList<BusyBlock> blocks, Duration length) =>
            new([new Attendee(me.Email, me.DisplayName, workingHours, blocks) { Preferences = me.Preferences.ToSchedulingPreferences() }], length, new Interval(windowStart, query.End + Horizon), now)
            {
                // Outside working hours when the proposed time itself is: a 7 pm gym slot should move to another evening.
                Scope = IsWithinWorkingHours(workingHours, query.Start, query.End) ? SchedulingScope.WorkingHours : SchedulingScope.Personal,
                MaxCandidates = query.MaxAlternatives,
            };

        var resolutions = new List<Resolution>();
        var duration = query.End - query.Start;
        foreach (var suggestion in MeetingSuggester.Suggest(Request(busy, duration)).Suggestions)
        {
            resolutions.Add(new Resolution(
                ResolutionKind.MoveNew,
                suggestion.Slot,
                [],
                $"Book '{query.Title}' at {Describe(suggestion.Slot.Start, zone)} instead.",
                [$"'{query.Title}' starts {Shift(query.Start, suggestion.Slot.Start)}."]));
        }

        var movable = conflicts.Where(c => c.IsFlexible && !c.IsOccurrence).ToList();
        if (movable.Count == conflicts.Count)
        {
            // Every conflict may move: place each at its best time, with the new event and the earlier moves as busy.
            var proposed = new Interval(query.Start, query.End);
            var remaining = busy.Where(b => movable.All(m => m.Id.Value != b.EventId)).Append(new BusyBlock(query.Start, query.End, Availability.Busy)).ToList();
            var moves = new List<EventMove>();
            foreach (var conflict in movable)
            {
                var suggestions = MeetingSuggester.Suggest(Request(remaining, conflict.End - conflict.Start) with { MaxCandidates = 1 }).Suggestions;
                if (suggestions is not [var best, ..])
                {
                    moves.Clear();
                    break;
                }

                moves.Add(new EventMove(conflict.Id, conflict.Title, conflict.Start, best.Slot.Start));
                remaining.Add(new BusyBlock(best.Slot.Start, best.Slot.End, Availability.Busy));
            }

            if (moves.Count > 0)
            {
                resolutions.Add(new Resolution(
                    ResolutionKind.MoveExisting,
                    proposed,
                    moves,
                    $"Keep '{query.Title}' at {Describe(query.Start, zone)} and move {string.Join(" and ", moves.Select(m => $"'{m.Title}'"))}.",
                    [.. moves.Select(m => $"'{m.Title}' moves from {Describe(m.From, zone)} to {Describe(m.To, zone)}.")]));
            }
        }

        return new ConflictResolutions(conflicts, resolutions);
    }

    private static bool IsWithinWorkingHours(WorkingHours hours, Instant start, Instant end)
    {
        var localStart = start.InZone(hours.Zone);
        var localEnd = end.InZone(hours.Zone);
        return localStart.Date == localEnd.Date
            && hours.On(localStart.DayOfWeek).Any(r => r.Start <= localStart.TimeOfDay && (r.End == LocalTime.Midnight || localEnd.TimeOfDay <= r.End));
    }

    private static readonly ZonedDateTimePattern Pattern = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM HH:mm", null);

    private static string Describe(Instant instant, DateTimeZone zone) => Pattern.Format(instant.InZone(zone));

    private static string Shift(Instant from, Instant to)
    {
        var shift = to - from;
        var hours = Math.Abs(shift.TotalHours);
        var amount = hours >= 24 ? $"{hours / 24:0.#} days" : hours >= 1 ? $"{hours:0.#} h" : $"{Math.Abs(shift.TotalMinutes):0} min";
        return string.Create(CultureInfo.InvariantCulture, $"{amount} {(shift < Duration.Zero ? "earlier" : "later")}");
    }
}
