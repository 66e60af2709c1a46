using CleanAssistant.Application.Common.Paging;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Domain.Calendars;
using GraphQL;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL.Events;

internal static class EventQueries
{
    public static ListEventsQuery ListEvents(IResolveFieldContext context, CalendarId? calendarId) =>
        new(
            context.GetArgument<Instant>("from"),
            context.GetArgument<Instant>("to"),
            calendarId,
            context.GetArgument("first", Cursor.DefaultPageSize),
            context.GetArgument<string?>("after"));
}
