using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Calendars.GetCalendarsByIds;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.ListOccurrences;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using EventId = CleanAssistant.Domain.Events.EventId;
using CleanAssistant.WebApi.GraphQL.Calendars;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Scheduling;
using CleanAssistant.Domain.Scheduling;
using GraphQL;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL.Events;

public sealed class EventType : ObjectGraphType<EventDto>
{
    public const string TypeName = "Event";

    public EventType()
    {
        Name = TypeName;
        Description = "Something in a calendar. Times are instants; `timeZone` is the zone the event was made in.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the event.").Resolve(c => Encode(c.Source.Id));
        Field<NonNullGraphType<IdGraphType>>("calendarId").Description("Id of the calendar the event is in.").Resolve(c => CalendarType.Encode(c.Source.CalendarId));
        Field<NonNullGraphType<CalendarType>>("calendar")
            .Description("The calendar the event is in.")
            .RequireScope(ApiScopes.CalendarRead)
            .Resolve(c => c.RequestServices!.GetRequiredService<BatchLoaders>()
                .GetOrAdd<CalendarId, CalendarDto>("calendarsById", async (ids, _) => await c.QueryAsync(() => new GetCalendarsByIdsQuery(ids)))
                .Load(c.Source.CalendarId));
        Field(e => e.Title).Description("What it is.");
        Field(e => e.Description, nullable: true).Description("Free text notes.");
        Field(e => e.Location, nullable: true).Description("Where it is.");
        Field(e => e.Start).Description("When it starts (for all-day events: the start of the first day in `timeZone`).");
        Field(e => e.End).Description("When it ends, exclusive.");
        Field(e => e.TimeZone).Description("IANA zone the event was made in; local times and all-day dates are in this zone.");
        Field(e => e.IsAllDay).Description("True for events that take whole days rather than a time span.");
        Field<LocalDateGraphType>("startDate")
            .Description("For all-day events: the first day. Null for timed events.")
            .Resolve(c => c.Source.IsAllDay ? LocalDay(c.Source.Start, c.Source.TimeZone) : null);
        Field<LocalDateGraphType>("endDate")
            .Description("For all-day events: the last day (inclusive). Null for timed events.")
            .Resolve(c => c.Source.IsAllDay ? LocalDay(c.Source.End, c.Source.TimeZone).PlusDays(-1) : null);
        Field(e => e.CreatedAt).Description("When the event was created.");
        Field(e => e.UpdatedAt).Description("When the event was last changed.");
        Field(e => e.Version).Description("Changes on every update; pass it as `expectedVersion` to refuse lost updates.");
        Field<NonNullGraphType<AvailabilityType>>("showAs").Description("How the time shows: FREE events never conflict.").Resolve(c => c.Source.ShowAs);
        Field(e => e.IsFlexible).Description("The owner lets the assistant move this event to resolve a conflict.");
        Field(e => e.Recurrence, nullable: true).Description("RRULE of a recurring event (RFC 5545), e.g. \"FREQ=WEEKLY;BYDAY=MO,WE\"; null for a single event.");
        Field(e => e.RecurrenceId, nullable: true)
            .Description("For one occurrence of a series: its original local start in the series' zone (RECURRENCE-ID). Pass it with the series id to change or delete the occurrence.");
        Field<IdGraphType>("seriesId")
            .Description("The series an occurrence belongs to: the event's own id for an expanded occurrence, the series' id for one changed on its own.")
            .Resolve(c => c.Source.SeriesId is { } series ? Encode(series) : c.Source.RecurrenceId is not null ? Encode(c.Source.Id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventType>>>>("occurrences")
            .Description("This event's occurrences that overlap [from, to): every occurrence of a series, or the event itself.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<NonNullGraphType<InstantGraphType>>("from", "Start of the window (inclusive).")
            .Argument<NonNullGraphType<InstantGraphType>>("to", "End of the window (exclusive). At most two years after `from`.")
            .ResolveAsync(async c => await c.QueryAsync(() => new ListOccurrencesQuery(c.Source.Id, c.GetArgument<Instant>("from"), c.GetArgument<Instant>("to"))));
    }

    public static string Encode(EventId id) => GlobalId.Encode(TypeName, id.Value);

    public static EventId Decode(string? id, string field = "id") => new(GlobalId.Decode(TypeName, id, field));

    private static LocalDate LocalDay(Instant instant, string zone) => instant.InZone(TimeZoneId.From(zone).Zone).Date;
}

public sealed class EventConnectionType() : ConnectionType<EventDto, EventType>(EventType.TypeName);

/// <summary>The time fields shared by the create and update inputs.</summary>
public abstract record EventTimeFields
{
    public Instant? Start { get; init; }

    public Instant? End { get; init; }

    public bool? IsAllDay { get; init; }

    public LocalDate? StartDate { get; init; }

    public LocalDate? EndDate { get; init; }

    public string? TimeZone { get; init; }

    public EventTimeInput ToTimeInput() => new(Start, End, IsAllDay, StartDate, EndDate, TimeZone);
}

public sealed record CreateEventInput : EventTimeFields
{
    public required string Title { get; init; }

    public string? CalendarId { get; init; }

    public string? Description { get; init; }

    public string? Location { get; init; }

    public string? IdempotencyKey { get; init; }

    public Availability? ShowAs { get; init; }

    public bool? IsFlexible { get; init; }

    public bool? RejectConflicts { get; init; }

    public string? Recurrence { get; init; }
}

public sealed record UpdateEventInput : EventTimeFields
{
    public required string Id { get; init; }

    public int? ExpectedVersion { get; init; }

    public string? CalendarId { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Location { get; init; }
}

public sealed record DeleteEventInput(string Id);

internal static class EventTimeFieldsExtensions
{
    public static void AddTimeFields<T>(this InputObjectGraphType<T> type)
        where T : EventTimeFields
    {
        type.Field(i => i.Start, nullable: true).Description("Start of a timed event.");
        type.Field(i => i.End, nullable: true).Description("End of a timed event (exclusive). Default: the user's default meeting length after the start; on update, the event keeps its length.");
        type.Field(i => i.IsAllDay, nullable: true).Description("True for an all-day event (give `startDate`, and `endDate` if it spans several days).");
        type.Field(i => i.StartDate, nullable: true).Description("First day of an all-day event.");
        type.Field(i => i.EndDate, nullable: true).Description("Last day (inclusive) of an all-day event. Default: the start date.");
        type.Field(i => i.TimeZone, nullable: true).Description("IANA zone the event is planned in. Default: the user's zone (on update: unchanged).");
    }
}

public sealed class CreateEventInputType : InputObjectGraphType<CreateEventInput>
{
    public CreateEventInputType()
    {
        Name = "CreateEventInput";
        Description = "A new event: `start` (and usually `end`) for a timed event, or `isAllDay` with `startDate`.";
        Field(i => i.Title).Description("What it is, up to 200 characters.");
        Field<IdGraphType>("calendarId").Description("The calendar; default: the user's default calendar.");
        Field(i => i.Description, nullable: true).Description("Free text notes, up to 4000 characters.");
        Field(i => i.Location, nullable: true).Description("Where it is, up to 300 characters.");
        Field(i => i.IdempotencyKey, nullable: true)
            .Description("A key unique to this request, e.g. a UUID. Retrying with the same key returns the event the first request made instead of creating another.");
        Field<AvailabilityType>("showAs").Description("How the time shows. Default BUSY.");
        Field(i => i.IsFlexible, nullable: true).Description("Let the assistant move this event to resolve conflicts. Default false.");
        Field(i => i.Recurrence, nullable: true)
            .Description("Makes it repeat: an RRULE (RFC 5545), e.g. \"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270331T000000Z\" or \"FREQ=MONTHLY;BYDAY=-1FR;COUNT=6\". Occurrences keep the local time of `start` across daylight-saving changes.");
        Field(i => i.RejectConflicts, nullable: true)
            .Description("Book only if the time is free in all the user's calendars: otherwise the payload has a CONFLICTING_EVENTS error. Two concurrent bookings of overlapping time never both succeed.");
        this.AddTimeFields();
    }
}

public sealed class UpdateEventInputType : InputObjectGraphType<UpdateEventInput>
{
    public UpdateEventInputType()
    {
        Name = "UpdateEventInput";
        Description = "Changes to an event. Fields left out stay as they are; an empty string clears description or location.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The event.");
        Field(i => i.ExpectedVersion, nullable: true).Description("Refuse the change if the event's version is no longer this one.");
        Field<IdGraphType>("calendarId").Description("Move the event to this calendar.");
        Field(i => i.Title, nullable: true).Description("New title.");
        Field(i => i.Description, nullable: true).Description("New notes; empty string clears them.");
        Field(i => i.Location, nullable: true).Description("New place; empty string clears it.");
        this.AddTimeFields();
    }
}

public sealed class DeleteEventInputType : InputObjectGraphType<DeleteEventInput>
{
    public DeleteEventInputType()
    {
        Name = "DeleteEventInput";
        Description = "The event to delete.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The event.");
    }
}

public sealed record EventPayload(EventDto? Event, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class EventPayloadType : ObjectGraphType<EventPayload>
{
    public EventPayloadType()
    {
        Name = "EventPayload";
        Description = "The event, or why the mutation failed.";
        Field<EventType>("event").Description("The event; null when `errors` is not empty.").Resolve(c => c.Source.Event);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}
