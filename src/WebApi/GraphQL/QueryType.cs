using CleanAssistant.Application.Calendars.GetCalendar;
using CleanAssistant.Application.Calendars.ListCalendars;
using CleanAssistant.Application.Common.Paging;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Events.FindConflicts;
using CleanAssistant.Application.Events.GetEvent;
using CleanAssistant.Application.Scheduling.GetFreeBusy;
using CleanAssistant.Application.Scheduling.ResolveConflict;
using CleanAssistant.Application.Scheduling.SuggestMeetingTimes;
using CleanAssistant.Application.Users.GetMe;
using CleanAssistant.Application.Users.ListUsers;
using CleanAssistant.WebApi.GraphQL.Calendars;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Events;
using CleanAssistant.WebApi.GraphQL.Scheduling;
using CleanAssistant.WebApi.GraphQL.Users;
using CleanAssistant.Application.Conversations.GetConversation;
using CleanAssistant.Application.Conversations.InterpretMessage;
using CleanAssistant.WebApi.GraphQL.Conversations;
using GraphQL;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Everything that can be read. Every field needs a signed-in user whose token has the field's scope (docs/scopes.md) and only ever shows that user's data; `users` is for administrators.";

        Field<NonNullGraphType<UserType>>("me")
            .Description("The signed-in user.")
            .RequireSignedIn()
            .ResolveAsync(async c => await c.QueryAsync(() => new GetMeQuery()));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CalendarType>>>>("calendars")
            .Description("The signed-in user's calendars, the default one first.")
            .RequireScope(ApiScopes.CalendarRead)
            .ResolveAsync(async c => await c.QueryAsync(() => new ListCalendarsQuery()));

        Field<NonNullGraphType<CalendarType>>("calendar")
            .Description("One of the signed-in user's calendars. Another user's calendar is NOT_FOUND.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The calendar.")
            .ResolveAsync(async c => await c.QueryAsync(() => new GetCalendarQuery(CalendarType.Decode(c.GetArgument<string>("id")))));

        Field<NonNullGraphType<EventType>>("event")
            .Description("One of the signed-in user's events. Another user's event, or a deleted one, is NOT_FOUND.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The event.")
            .ResolveAsync(async c => await c.QueryAsync(() => new GetEventQuery(EventType.Decode(c.GetArgument<string>("id")))));

        Field<NonNullGraphType<EventConnectionType>>("events")
            .Description("The signed-in user's events that overlap [from, to), ordered by start, in one calendar or all of them.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<IdGraphType>("calendarId", "Only this calendar; default: all the user's calendars.")
            .Argument<NonNullGraphType<InstantGraphType>>("from", "Start of the window (inclusive).")
            .Argument<NonNullGraphType<InstantGraphType>>("to", "End of the window (exclusive). At most two years after `from`.")
            .Argument<IntGraphType>("first", "Page size, 1 to 200. Default 50.")
            .Argument<StringGraphType>("after", "Cursor after which the page starts (`pageInfo.endCursor` of the previous page).")
            .ResolveAsync(async c =>
            {
                var calendarId = c.GetArgument<string?>("calendarId");
                var page = await c.QueryAsync(() => EventQueries.ListEvents(c, calendarId is null ? null : CalendarType.Decode(calendarId, "calendarId")));
                return ConnectionResult.From(page);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventType>>>>("conflicts")
            .Description("The signed-in user's events, across all calendars, that [start, end) would overlap. FREE events never conflict.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<NonNullGraphType<InstantGraphType>>("start", "Start of the proposed time.")
            .Argument<NonNullGraphType<InstantGraphType>>("end", "End of the proposed time (exclusive).")
            .Argument<IdGraphType>("ignoring", "An event being moved: it does not conflict with itself.")
            .ResolveAsync(async c =>
            {
                var ignoring = c.GetArgument<string?>("ignoring");
                return await c.QueryAsync(() => new FindConflictsQuery(
                    c.GetArgument<Instant>("start"), c.GetArgument<Instant>("end"), ignoring is null ? null : EventType.Decode(ignoring, "ignoring")));
            });

        Field<NonNullGraphType<ConflictResolutionsType>>("conflictResolutions")
            .Description("For a proposed event: what it conflicts with and concrete resolutions (other times for it, or moving flexible events).")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<NonNullGraphType<InstantGraphType>>("start", "Start of the proposed event.")
            .Argument<NonNullGraphType<InstantGraphType>>("end", "End of the proposed event (exclusive).")
            .Argument<StringGraphType>("title", "Its title, for the descriptions.")
            .Argument<IntGraphType>("maxAlternatives", "How many other times to offer, 1 to 10. Default 3.")
            .ResolveAsync(async c => await c.QueryAsync(() => new ProposeResolutionsQuery(
                c.GetArgument<Instant>("start"), c.GetArgument<Instant>("end"), c.GetArgument("title", "New event"), c.GetArgument("maxAlternatives", 3))));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimeSlotType>>>>("freeBusy")
            .Description("When you are busy in [start, end), across all calendars: the spans your events take (FREE and WORKING_ELSEWHERE ones do not), merged, and nothing about the events.")
            .RequireScope(ApiScopes.CalendarFreeBusy)
            .Argument<NonNullGraphType<InstantGraphType>>("start", "Start of the window (inclusive).")
            .Argument<NonNullGraphType<InstantGraphType>>("end", "End of the window (exclusive). At most two years after `start`.")
            .ResolveAsync(async c => await c.QueryAsync(() => new GetFreeBusyQuery(c.GetArgument<Instant>("start"), c.GetArgument<Instant>("end"))));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimeSlotType>>>>("freeSlots")
            .Description("Spans when you and every required attendee are free, within everyone's hours and the search's constraints.")
            .RequireScope(ApiScopes.CalendarFreeBusy)
            .Argument<NonNullGraphType<MeetingSearchInputType>>("input", "The meeting to find time for.")
            .ResolveAsync(async c => await c.QueryAsync(() => new FindFreeSlotsQuery(c.GetArgument<MeetingSearchInput>("input").ToSearch())));

        Field<NonNullGraphType<MeetingSuggestionsType>>("suggestMeetingTimes")
            .Description("Ranked meeting times with reasons; when none fits, why, and what relaxing one constraint would give.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<NonNullGraphType<MeetingSearchInputType>>("input", "The meeting to find time for.")
            .ResolveAsync(async c => await c.QueryAsync(() => new SuggestMeetingTimesQuery(c.GetArgument<MeetingSearchInput>("input").ToSearch())));

        Field<NonNullGraphType<AssistantReplyType>>("interpret")
            .Description("A dry run of `sendMessage`: what the words are understood as and what sending them would do (conflicts and questions included). Nothing is changed.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<NonNullGraphType<StringGraphType>>("text", "The words, typed or transcribed.")
            .Argument<IdGraphType>("conversationId", "Read the words in this conversation (\"it\", answers to its question).")
            .ResolveAsync(async c => await c.QueryAsync(() => new InterpretMessageQuery(
                c.GetArgument<string>("text"),
                c.GetArgument<string?>("conversationId") is { } id ? ConversationType.Decode(id, "conversationId") : null)));

        Field<NonNullGraphType<ConversationType>>("conversation")
            .Description("One of the signed-in user's conversations with the assistant. Another user's is NOT_FOUND.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The conversation.")
            .ResolveAsync(async c => await c.QueryAsync(() => new GetConversationQuery(ConversationType.Decode(c.GetArgument<string>("id")))));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConversationType>>>>("conversations")
            .Description("The signed-in user's conversations, most recently active first.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<IntGraphType>("first", "How many, 1 to 100. Default 20.")
            .ResolveAsync(async c => await c.QueryAsync(() => new ListConversationsQuery(c.GetArgument("first", 20))));

        Field<NonNullGraphType<UserConnectionType>>("users")
            .Description("All accounts, oldest first. Administrators only.")
            .RequireScope(ApiScopes.Admin)
            .Argument<IntGraphType>("first", "Page size, 1 to 200. Default 50.")
            .Argument<StringGraphType>("after", "Cursor after which the page starts.")
            .ResolveAsync(async c => ConnectionResult.From(
                await c.QueryAsync(() => new ListUsersQuery(c.GetArgument("first", Cursor.DefaultPageSize), c.GetArgument<string?>("after")))));

        Reminders.ReminderFields.AddReminderQueries(this);
        Voice.VoiceFields.AddVoiceQueries(this);
        Privacy.PrivacyFields.AddPrivacyQueries(this);
        OAuthClients.OAuthClientFields.AddOAuthClientQueries(this);
    }
}
