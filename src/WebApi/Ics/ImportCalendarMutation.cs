using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Calendars.ImportCalendar;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.WebApi.GraphQL.Calendars;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Transport;
using GraphQL;
using GraphQL.Types;

namespace CleanAssistant.WebApi.Ics;

public static class ImportCalendarMutation
{
    /// <summary>Adds <c>importCalendar(file: Upload!, calendarId: ID)</c> to the mutation type.</summary>
    public static void AddImportCalendarMutation(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ImportCalendarPayloadType>>("importCalendar")
            .Description(
                "Imports an iCalendar (.ics) file, sent as a multipart request (GraphQL multipart request spec, with the header "
                + "`GraphQL-Preflight: 1`), into a calendar: the one named, or a new one named after the file. All or nothing; "
                + "events imported before (same UID) are skipped. At most 5 MB and 10,000 events.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<UploadGraphType>>("file", "The .ics file.")
            .Argument<IdGraphType>("calendarId", "The calendar to import into; without it a new calendar is created.")
            .ResolveAsync(async c =>
            {
                var file = c.GetArgument<UploadedFile>("file");
                var calendarId = c.GetArgument<string?>("calendarId");
                return await c.MutateAsync(
                    () => new ImportCalendarCommand(calendarId is null ? null : CalendarType.Decode(calendarId, "calendarId"), file.FileName, file.Content),
                    result => new ImportCalendarPayload(result.Calendar, result.Imported, result.Skipped, result.Problems, []),
                    errors => new ImportCalendarPayload(null, 0, 0, [], errors));
            });
}

public sealed record ImportCalendarPayload(CalendarDto? Calendar, int Imported, int Skipped, IReadOnlyList<CalendarFileProblem> Problems, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class ImportCalendarPayloadType : ObjectGraphType<ImportCalendarPayload>
{
    public ImportCalendarPayloadType()
    {
        Name = "ImportCalendarPayload";
        Description = "What an import did, or why nothing was imported.";
        Field<CalendarType>("calendar").Description("The calendar the events went into; null when `errors` is not empty.").Resolve(c => c.Source.Calendar);
        Field(p => p.Imported).Description("Events (and changed occurrences) added.");
        Field(p => p.Skipped).Description("Events left out: already imported before, cancelled, or listed in `problems`.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportProblemType>>>>("problems")
            .Description("Events of the file that could not be imported, and why.").Resolve(c => c.Source.Problems);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Empty when it worked; otherwise nothing was imported (e.g. VALIDATION for a file that is not iCalendar or too large).")
            .Resolve(c => c.Source.Errors);
    }
}

public sealed class ImportProblemType : ObjectGraphType<CalendarFileProblem>
{
    public ImportProblemType()
    {
        Name = "ImportProblem";
        Description = "One event of an imported file that was left out.";
        Field(p => p.Line, nullable: true).Description("Line of the file where the event (BEGIN:VEVENT) starts, from 1.");
        Field(p => p.Uid, nullable: true).Description("The event's UID, when it has one.");
        Field(p => p.Message).Description("Why it was left out.");
    }
}
