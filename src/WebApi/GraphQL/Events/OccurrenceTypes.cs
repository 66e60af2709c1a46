using CleanAssistant.Application.Events.ChangeOccurrence;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL.Events;

public sealed class OccurrenceScopeType : EnumerationGraphType<OccurrenceScope>
{
    public OccurrenceScopeType()
    {
        Name = "OccurrenceScope";
        Description = "Which occurrences of a series a change applies to.";
        Values["THIS"]!.Description = "Only this occurrence.";
        Values["THIS_AND_FOLLOWING"]!.Description = "This occurrence and every later one (the series is split here).";
        Values["ALL"]!.Description = "The whole series.";
    }
}

public sealed record UpdateOccurrenceInput : EventTimeFields
{
    public required string SeriesId { get; init; }

    public required LocalDateTime RecurrenceId { get; init; }

    public required OccurrenceScope Scope { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Location { get; init; }
}

public sealed class UpdateOccurrenceInputType : InputObjectGraphType<UpdateOccurrenceInput>
{
    public UpdateOccurrenceInputType()
    {
        Name = "UpdateOccurrenceInput";
        Description = "Changes to an occurrence of a series, to the rest of the series from it, or to all of it. Fields left out stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("seriesId").Description("The recurring event.");
        Field(i => i.RecurrenceId).Description("The occurrence: its `recurrenceId`.");
        Field<NonNullGraphType<OccurrenceScopeType>>("scope").Description("THIS, THIS_AND_FOLLOWING or ALL.");
        Field(i => i.Title, nullable: true).Description("New title.");
        Field(i => i.Description, nullable: true).Description("New notes; empty string clears them.");
        Field(i => i.Location, nullable: true).Description("New place; empty string clears it.");
        this.AddTimeFields();
    }
}

public sealed record DeleteOccurrenceInput(string SeriesId, LocalDateTime RecurrenceId, OccurrenceScope Scope);

public sealed class DeleteOccurrenceInputType : InputObjectGraphType<DeleteOccurrenceInput>
{
    public DeleteOccurrenceInputType()
    {
        Name = "DeleteOccurrenceInput";
        Description = "An occurrence to delete, with the rest of the series from it, or the whole series.";
        Field<NonNullGraphType<IdGraphType>>("seriesId").Description("The recurring event.");
        Field(i => i.RecurrenceId).Description("The occurrence: its `recurrenceId`.");
        Field<NonNullGraphType<OccurrenceScopeType>>("scope").Description("THIS, THIS_AND_FOLLOWING or ALL.");
    }
}
