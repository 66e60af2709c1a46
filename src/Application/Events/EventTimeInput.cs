using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using FluentValidation;
using NodaTime;

namespace CleanAssistant.Application.Events;

/// <summary>
/// When an event happens, as a caller gives it: <c>Start</c>/<c>End</c> instants for a timed event, or
/// <c>StartDate</c>/<c>EndDate</c> (inclusive last day) with <c>IsAllDay</c>. Fields left null keep
/// their current value on update; a moved event keeps its length.
/// </summary>
public sealed record EventTimeInput(
    Instant? Start = null,
    Instant? End = null,
    bool? IsAllDay = null,
    LocalDate? StartDate = null,
    LocalDate? EndDate = null,
    string? TimeZone = null)
{
    public bool IsEmpty => this == new EventTimeInput();

    /// <summary>Resolves the input against the event's current time (or the defaults of a new event).</summary>
    /// <param name="current">The event's time now; null for a new event.</param>
    /// <param name="defaultZone">Zone of a new event when none is given (the user's).</param>
    /// <param name="defaultLength">Length of a new timed event without an end (the user's default meeting length).</param>
    public EventTime Resolve(EventTime? current, TimeZoneId defaultZone, Duration? defaultLength = null)
    {
        var zone = TimeZone is not null ? TimeZoneId.From(TimeZone) : current?.TimeZone ?? defaultZone;

        // A date says all-day, a time says timed; with neither, the event stays what it was.
        var allDay = IsAllDay ?? (StartDate is not null || (Start is null && current is { IsAllDay: true }));
        if (allDay)
        {
            // The current dates are the event's own local days, read in the zone it was made in.
            var currentDays = current is { IsAllDay: true }
                ? (First: current.Start.InZone(current.TimeZone.Zone).Date, End: current.End.InZone(current.TimeZone.Zone).Date)
                : ((LocalDate First, LocalDate End)?)null;
            var first = StartDate ?? Start?.InZone(zone.Zone).Date ?? currentDays?.First ?? current?.Start.InZone(zone.Zone).Date
                ?? throw new DomainException("REQUIRED", "An all-day event needs a start date.");
            var days = currentDays is { } d ? Period.Between(d.First, d.End, PeriodUnits.Days).Days : 1;
            var lastInclusive = EndDate ?? first.PlusDays(days - 1);
            return EventTime.AllDay(first, lastInclusive.PlusDays(1), zone);
        }

        var start = Start ?? current?.Start ?? throw new DomainException("REQUIRED", "A timed event needs a start.");
        var end = End ?? (current is { IsAllDay: false } ? start + current.Duration : start + (defaultLength ?? Duration.FromHours(1)));
        return EventTime.Timed(start, end, zone);
    }
}

public sealed class EventTimeInputValidator : AbstractValidator<EventTimeInput>
{
    public EventTimeInputValidator()
    {
        RuleFor(t => t.TimeZone).Must(zone => zone is null || TimeZoneId.IsKnown(zone))
            .WithMessage("Use an IANA time zone id such as 'Europe/Berlin' or 'America/New_York'.");
        RuleFor(t => t.End).GreaterThan(t => t.Start).When(t => t.Start is not null && t.End is not null)
            .WithMessage("The end must be after the start.");
        RuleFor(t => t.EndDate).GreaterThanOrEqualTo(t => t.StartDate).When(t => t.StartDate is not null && t.EndDate is not null)
            .WithMessage("The end date must not be before the start date.");
        RuleFor(t => t.StartDate).Null().When(t => t.IsAllDay == false)
            .WithMessage("Dates are for all-day events; give start and end times instead.");
        RuleFor(t => t.Start).Null().When(t => t.IsAllDay != false && t.StartDate is not null)
            .WithMessage("Give either a start date (all-day) or a start time, not both.");
    }
}
