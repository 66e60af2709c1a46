using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Events;
using FluentValidation;
using Mapster;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Events.ChangeOccurrence;

/// <summary>Which occurrences of a series a change applies to, as calendar apps ask.</summary>
public enum OccurrenceScope
{
    /// <summary>Only this occurrence: it becomes an override (RECURRENCE-ID) or is excluded (EXDATE).</summary>
    This,

    /// <summary>This one and every later one: the series is split here.</summary>
    ThisAndFollowing,

    /// <summary>The whole series.</summary>
    All,
}

/// <summary>Changes one occurrence, the rest of the series from it, or the whole series. Null fields stay as they are.</summary>
public sealed record UpdateOccurrenceCommand(
    EventId SeriesId,
    LocalDateTime RecurrenceId,
    OccurrenceScope Scope,
    string? Title = null,
    string? Description = null,
    string? Location = null,
    EventTimeInput? Time = null) : ICommand<EventDto>, IRequireUser, IEventChange;

/// <summary>Deletes one occurrence, the rest of the series from it, or the whole series.</summary>
public sealed record DeleteOccurrenceCommand(EventId SeriesId, LocalDateTime RecurrenceId, OccurrenceScope Scope) : ICommand<EventId>, IRequireUser;

public sealed class UpdateOccurrenceCommandValidator : AbstractValidator<UpdateOccurrenceCommand>
{
    public UpdateOccurrenceCommandValidator()
    {
        RuleFor(c => c.Scope).IsInEnum();
        Include(new EventChangeValidator());
    }
}

public sealed class UpdateOccurrenceCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : ICommandHandler<UpdateOccurrenceCommand, EventDto>
{
    public async ValueTask<EventDto> Handle(UpdateOccurrenceCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var series = await db.LoadSeriesAsync(command.SeriesId, owner, cancellationToken);
        var now = timeProvider.GetCurrentInstant();
        var calendar = await db.GetOwnedAsync(series.CalendarId, owner, cancellationToken);

        var target = command.Scope switch
        {
            OccurrenceScope.This => series.DetachOccurrence(command.RecurrenceId, calendar, now),
            OccurrenceScope.ThisAndFollowing => series.SplitAt(command.RecurrenceId, calendar, now),
            _ => series,
        };
        if (!ReferenceEquals(target, series))
        {
            db.Add(target);
        }

        command.ApplyTo(target, now);

        return target.Adapt<EventDto>();
    }
}

public sealed class DeleteOccurrenceCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : ICommandHandler<DeleteOccurrenceCommand, EventId>
{
    public async ValueTask<EventId> Handle(DeleteOccurrenceCommand command, CancellationToken cancellationToken)
    {
        var series = await db.LoadSeriesAsync(command.SeriesId, currentUser.Id!.Value, cancellationToken);
        var now = timeProvider.GetCurrentInstant();
        switch (command.Scope)
        {
            case OccurrenceScope.This:
                series.ExcludeOccurrence(command.RecurrenceId, now);
                break;
            case OccurrenceScope.ThisAndFollowing:
                series.EndBefore(command.RecurrenceId, now);
                await db.DeleteOverridesAsync(series.Id, command.RecurrenceId, now, cancellationToken);
                break;
            default:
                series.Delete(now);
                await db.DeleteOverridesAsync(series.Id, from: null, now, cancellationToken);
                break;
        }

        return series.Id;
    }
}

internal static class SeriesAccess
{
    /// <summary>Occurrences changed on their own go with their series (all of them, or those from <paramref name="from"/> on).</summary>
    public static async Task DeleteOverridesAsync(this IApplicationDbContext db, EventId seriesId, LocalDateTime? from, Instant now, CancellationToken cancellationToken)
    {
        var overrides = await db.Events.Where(e => e.SeriesId == seriesId).ToListAsync(cancellationToken);
        foreach (var single in overrides.Where(o => from is null || o.RecurrenceId >= from))
        {
            single.Delete(now);
        }
    }

    public static async Task<CalendarEvent> LoadSeriesAsync(this IApplicationDbContext db, EventId id, Domain.Users.UserId owner, CancellationToken cancellationToken) =>
        await db.Events.Where(e => e.Id == id && e.OwnerId == owner).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Event", id);
}
