using CleanAssistant.Domain.Events;
using FluentValidation;
using NodaTime;

namespace CleanAssistant.Application.Events;

/// <summary>The "change these fields" part shared by event and occurrence updates; null fields stay as they are.</summary>
public interface IEventChange
{
    string? Title { get; }

    string? Description { get; }

    string? Location { get; }

    EventTimeInput? Time { get; }
}

public sealed class EventChangeValidator : AbstractValidator<IEventChange>
{
    public EventChangeValidator()
    {
        RuleFor(c => c.Title).NotEmpty().When(c => c.Title is not null).MaximumLength(CalendarEvent.MaxTitleLength);
        RuleFor(c => c.Description).MaximumLength(CalendarEvent.MaxDescriptionLength);
        RuleFor(c => c.Location).MaximumLength(CalendarEvent.MaxLocationLength);
        RuleFor(c => c.Time!).SetValidator(new EventTimeInputValidator()).When(c => c.Time is not null);
    }
}

internal static class EventChangeExtensions
{
    /// <summary>Applies the stated details and time to <paramref name="target"/>; a moved event keeps its length.</summary>
    public static void ApplyTo(this IEventChange change, CalendarEvent target, Instant now)
    {
        if (change.Title is not null || change.Description is not null || change.Location is not null)
        {
            target.ChangeDetails(
                EventDetails.Create(change.Title ?? target.Title, change.Description ?? target.Description, change.Location ?? target.Location),
                now);
        }

        if (change.Time is { IsEmpty: false } time)
        {
            var current = target.Time;
            target.Reschedule(time.Resolve(current, current.TimeZone), now);
        }
    }
}
