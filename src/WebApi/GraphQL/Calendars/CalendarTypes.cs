using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Events;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Calendars;

public sealed class CalendarType : ObjectGraphType<CalendarDto>
{
    public const string TypeName = "Calendar";

    public CalendarType()
    {
        Name = TypeName;
        Description = "A named collection of events of one user.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the calendar.").Resolve(c => Encode(c.Source.Id));
        Field(c => c.Name).Description("Name shown to the user.");
        Field(c => c.IsDefault).Description("New events without a calendar go here. It cannot be deleted.");
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When the calendar was created.").Resolve(c => c.Source.CreatedAt);
        Field(c => c.Version).Description("Changes on every update; pass it as `expectedVersion` to refuse lost updates.");
        Field<NonNullGraphType<EventConnectionType>>("events")
            .Description("Events of this calendar that overlap [from, to), by start time.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<NonNullGraphType<InstantGraphType>>("from", "Start of the window (inclusive).")
            .Argument<NonNullGraphType<InstantGraphType>>("to", "End of the window (exclusive). At most two years after `from`.")
            .Argument<IntGraphType>("first", "Page size, 1 to 200. Default 50.")
            .Argument<StringGraphType>("after", "Cursor after which the page starts.")
            .ResolveAsync(async c => ConnectionResult.From(await c.QueryAsync(() => EventQueries.ListEvents(c, c.Source.Id))));
        Ics.CalendarExportEndpoint.AddExportUrlField(this);
    }

    public static string Encode(CalendarId id) => GlobalId.Encode(TypeName, id.Value);

    public static CalendarId Decode(string? id, string field = "id") => new(GlobalId.Decode(TypeName, id, field));
}

public sealed record CreateCalendarInput(string Name);

public sealed class CreateCalendarInputType : InputObjectGraphType<CreateCalendarInput>
{
    public CreateCalendarInputType()
    {
        Name = "CreateCalendarInput";
        Description = "A new calendar.";
        Field(i => i.Name).Description("Name shown to the user, up to 100 characters.");
    }
}

public sealed record RenameCalendarInput(string Id, string Name, int? ExpectedVersion);

public sealed class RenameCalendarInputType : InputObjectGraphType<RenameCalendarInput>
{
    public RenameCalendarInputType()
    {
        Name = "RenameCalendarInput";
        Description = "A new name for a calendar.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The calendar.");
        Field(i => i.Name).Description("The new name.");
        Field(i => i.ExpectedVersion, nullable: true).Description("Refuse the change if the calendar's version is no longer this one.");
    }
}

public sealed record DeleteCalendarInput(string Id);

public sealed class DeleteCalendarInputType : InputObjectGraphType<DeleteCalendarInput>
{
    public DeleteCalendarInputType()
    {
        Name = "DeleteCalendarInput";
        Description = "The calendar to delete, with all its events.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The calendar.");
    }
}

public sealed record CalendarPayload(CalendarDto? Calendar, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class CalendarPayloadType : ObjectGraphType<CalendarPayload>
{
    public CalendarPayloadType()
    {
        Name = "CalendarPayload";
        Description = "The calendar, or why the mutation failed.";
        Field<CalendarType>("calendar").Description("The calendar; null when `errors` is not empty.").Resolve(c => c.Source.Calendar);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public sealed record DeletePayload(string? DeletedId, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class DeletePayloadType : ObjectGraphType<DeletePayload>
{
    public DeletePayloadType()
    {
        Name = "DeletePayload";
        Description = "The id of what was deleted, or why the mutation failed.";
        Field<IdGraphType>("deletedId").Description("Id of the deleted item; null when `errors` is not empty.").Resolve(c => c.Source.DeletedId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}
