using CleanAssistant.Application.Scheduling.ResolveConflict;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Events;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL.Scheduling;

public sealed class ConflictResolutionsType : ObjectGraphType<ConflictResolutions>
{
    public ConflictResolutionsType()
    {
        Name = "ConflictResolutions";
        Description = "What a proposed event conflicts with, and concrete ways out.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventType>>>>("conflicts").Description("The overlapping events (occurrences included).").Resolve(c => c.Source.Conflicts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResolutionType>>>>("resolutions")
            .Description("Best first: other times for the new event, then moving the conflicting flexible events. Apply one with `resolveConflict`.")
            .Resolve(c => c.Source.Resolutions);
    }
}

public sealed class ResolutionKindType : EnumerationGraphType<ResolutionKind>
{
    public ResolutionKindType()
    {
        Name = "ResolutionKind";
        Description = "How a resolution gets out of the conflict.";
        Values["MOVE_NEW"]!.Description = "Book the new event at another time.";
        Values["MOVE_EXISTING"]!.Description = "Keep the new event's time; move the conflicting flexible events.";
    }
}

public sealed class ResolutionType : ObjectGraphType<Resolution>
{
    public ResolutionType()
    {
        Name = "Resolution";
        Description = "One concrete way out of a conflict, with what it changes.";
        Field<NonNullGraphType<ResolutionKindType>>("kind").Description("Move the new event, or move the existing ones.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<InstantGraphType>>("newEventStart").Description("Where the new event goes.").Resolve(c => c.Source.NewEventTime.Start);
        Field<NonNullGraphType<InstantGraphType>>("newEventEnd").Description("When the new event ends.").Resolve(c => c.Source.NewEventTime.End);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventMoveType>>>>("moves").Description("Existing events that move.").Resolve(c => c.Source.Moves);
        Field(r => r.Description).Description("The resolution in words.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("consequences").Description("What changes for whom.").Resolve(c => c.Source.Consequences);
    }
}

public sealed class EventMoveType : ObjectGraphType<EventMove>
{
    public EventMoveType()
    {
        Name = "EventMove";
        Description = "An existing flexible event moving to a new start; it keeps its length.";
        Field<NonNullGraphType<IdGraphType>>("eventId").Description("The event.").Resolve(c => EventType.Encode(c.Source.EventId));
        Field(m => m.Title).Description("Its title.");
        Field<NonNullGraphType<InstantGraphType>>("from").Description("Its start now.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<InstantGraphType>>("to").Description("Its new start.").Resolve(c => c.Source.To);
    }
}

public sealed record EventMoveInput(string EventId, Instant Start);

public sealed class EventMoveInputType : InputObjectGraphType<EventMoveInput>
{
    public EventMoveInputType()
    {
        Name = "EventMoveInput";
        Description = "Move an existing flexible event to a new start (it keeps its length).";
        Field<NonNullGraphType<IdGraphType>>("eventId").Description("The flexible event.");
        Field(m => m.Start).Description("Its new start.");
    }
}

public sealed record ResolveConflictInput(CreateEventInput Event, IReadOnlyList<EventMoveInput>? Moves);

public sealed class ResolveConflictInputType : InputObjectGraphType<ResolveConflictInput>
{
    public ResolveConflictInputType()
    {
        Name = "ResolveConflictInput";
        Description = "A resolution to apply: the new event (at the resolution's time) and the moves. All or nothing.";
        Field<NonNullGraphType<CreateEventInputType>>("event").Description("The new event, at the time the resolution chose.");
        Field<ListGraphType<NonNullGraphType<EventMoveInputType>>>("moves").Description("Flexible events to move first.");
    }
}
