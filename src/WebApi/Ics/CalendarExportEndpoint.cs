using System.Text;
using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Calendars.ExportCalendar;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.WebApi.GraphQL.Calendars;
using CleanAssistant.WebApi.Identity;
using GraphQL.Types;
using Mediator;

namespace CleanAssistant.WebApi.Ics;

/// <summary>GET /calendars/{id}/export.ics: one of the caller's calendars as an iCalendar file, for download or subscription.</summary>
public static class CalendarExportEndpoint
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The relative URL of a calendar's export (the GraphQL id in the path).</summary>
    public static string ExportUrl(CalendarId id) => $"/calendars/{Uri.EscapeDataString(CalendarType.Encode(id))}/export.ics";

    /// <summary>Maps the export endpoint; it needs a bearer token with calendar.read and answers 404 for calendars that are not the caller's.</summary>
    public static IEndpointConventionBuilder MapCalendarExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/calendars/{id}/export.ics", ExportAsync).RequireScope(ApiScopes.CalendarRead).WithDisplayName("Calendar export (iCalendar)");

    /// <summary>Adds <c>Calendar.exportUrl</c>; call it in <see cref="CalendarType"/>'s constructor.</summary>
    public static void AddExportUrlField(this ObjectGraphType<CalendarDto> calendarType) =>
        calendarType.Field<NonNullGraphType<StringGraphType>>("exportUrl")
            .Description("Relative URL of this calendar as an iCalendar (.ics) file; GET it with the same bearer token.")
            .Resolve(c => ExportUrl(c.Source.Id));

    private static async Task<IResult> ExportAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        try
        {
            var file = await mediator.Send(new ExportCalendarQuery(CalendarType.Decode(id)), cancellationToken);
            return Results.File(Encoding.UTF8.GetBytes(file.Text), ContentType, file.FileName);
        }
        catch (AppException exception) when (exception is NotFoundException or ValidationException)
        {
            // A malformed id and another user's calendar look the same as a missing one.
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Calendar not found", detail: $"Calendar '{id}' was not found.");
        }
    }
}
