using CleanAssistant.Application.Calendars.CreateCalendar;
using CleanAssistant.Application.Calendars.DeleteCalendar;
using CleanAssistant.Application.Calendars.RenameCalendar;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Conversations.SendMessage;
using CleanAssistant.Application.Conversations.UndoLastAction;
using CleanAssistant.Application.Events.ChangeOccurrence;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.DeleteEvent;
using CleanAssistant.Application.Events.UpdateEvent;
using CleanAssistant.Application.Scheduling.ResolveConflict;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Application.Users.UpdatePreferences;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.WebApi.GraphQL.Calendars;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Conversations;
using CleanAssistant.WebApi.GraphQL.Events;
using CleanAssistant.WebApi.GraphQL.Scheduling;
using CleanAssistant.WebApi.GraphQL.Users;
using GraphQL;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Everything that changes data. Each returns a payload with the result or a list of `errors` to branch on.";

        Field<NonNullGraphType<UserPayloadType>>("registerUser")
            .Description("Creates an account with a default calendar. No token needed.")
            .AllowAnonymous()
            .Argument<NonNullGraphType<RegisterUserInputType>>("input", "The new account.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RegisterUserInput>("input");
                return await c.MutateAsync(
                    () => new RegisterUserCommand(input.Email, input.Password, input.DisplayName, input.TimeZone),
                    user => new UserPayload(user, []),
                    errors => new UserPayload(null, errors));
            });

        Field<NonNullGraphType<UserPayloadType>>("updatePreferences")
            .Description("Changes the signed-in user's time zone, working hours and meeting preferences.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<UpdatePreferencesInputType>>("input", "What changes.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdatePreferencesInput>("input");
                return await c.MutateAsync(
                    () => new UpdatePreferencesCommand(
                        input.TimeZone,
                        input.WorkWeek,
                        input.DefaultMeetingMinutes,
                        input.BufferBeforeMinutes,
                        input.BufferAfterMinutes,
                        input.PreferredTimeOfDay,
                        input.EarliestTime,
                        input.LatestTime,
                        input.NextWeekday,
                        input.SameWeekday,
                        input.BareHour),
                    user => new UserPayload(user, []),
                    errors => new UserPayload(null, errors));
            });

        Field<NonNullGraphType<CalendarPayloadType>>("createCalendar")
            .Description("Creates a calendar.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<CreateCalendarInputType>>("input", "The new calendar.")
            .ResolveAsync(async c => await c.MutateAsync(
                () => new CreateCalendarCommand(c.GetArgument<CreateCalendarInput>("input").Name),
                CalendarSucceeded,
                CalendarFailed));

        Field<NonNullGraphType<CalendarPayloadType>>("renameCalendar")
            .Description("Renames a calendar.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<RenameCalendarInputType>>("input", "The calendar and its new name.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RenameCalendarInput>("input");
                return await c.MutateAsync(
                    () => new RenameCalendarCommand(CalendarType.Decode(input.Id), input.Name, input.ExpectedVersion),
                    CalendarSucceeded,
                    CalendarFailed);
            });

        Field<NonNullGraphType<DeletePayloadType>>("deleteCalendar")
            .Description("Deletes a calendar and all its events. The default calendar cannot be deleted.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<DeleteCalendarInputType>>("input", "The calendar.")
            .ResolveAsync(async c => await c.MutateAsync(
                () => new DeleteCalendarCommand(CalendarType.Decode(c.GetArgument<DeleteCalendarInput>("input").Id)),
                id => new DeletePayload(CalendarType.Encode(id), []),
                errors => new DeletePayload(null, errors)));

        Field<NonNullGraphType<EventPayloadType>>("createEvent")
            .Description("Adds an event to one of the user's calendars.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<CreateEventInputType>>("input", "The new event.")
            .ResolveAsync(async c => await c.MutateAsync(() => ToCommand(c.GetArgument<CreateEventInput>("input")), EventSucceeded, EventFailed));

        Field<NonNullGraphType<EventPayloadType>>("resolveConflict")
            .Description("Applies a resolution from `conflictResolutions` atomically: moves the flexible events, then books the new one; if anything would still overlap, nothing changes.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<ResolveConflictInputType>>("input", "The new event and the moves.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ResolveConflictInput>("input");
                return await c.MutateAsync(
                    () => new ResolveConflictCommand(
                        ToCommand(input.Event),
                        [.. (input.Moves ?? []).Select(m => (EventType.Decode(m.EventId, "moves.eventId"), m.Start))]),
                    EventSucceeded,
                    EventFailed);
            });

        Field<NonNullGraphType<EventPayloadType>>("updateEvent")
            .Description("Changes an event: details, time, or calendar.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<UpdateEventInputType>>("input", "The event and what changes.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateEventInput>("input");
                return await c.MutateAsync(
                    () => new UpdateEventCommand(
                        EventType.Decode(input.Id),
                        input.ExpectedVersion,
                        input.Title,
                        input.Description,
                        input.Location,
                        input.ToTimeInput(),
                        input.CalendarId is null ? null : CalendarType.Decode(input.CalendarId, "calendarId")),
                    EventSucceeded,
                    EventFailed);
            });

        Field<NonNullGraphType<DeletePayloadType>>("deleteEvent")
            .Description("Deletes an event.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<DeleteEventInputType>>("input", "The event.")
            .ResolveAsync(async c => await c.MutateAsync(
                () => new DeleteEventCommand(EventType.Decode(c.GetArgument<DeleteEventInput>("input").Id)),
                id => new DeletePayload(EventType.Encode(id), []),
                errors => new DeletePayload(null, errors)));

        AddOccurrenceMutations();
        Ics.ImportCalendarMutation.AddImportCalendarMutation(this);
        Reminders.ReminderFields.AddReminderMutations(this);
        Voice.VoiceFields.AddVoiceMutations(this);
        Privacy.PrivacyFields.AddPrivacyMutations(this);
        OAuthClients.OAuthClientFields.AddOAuthClientMutations(this);
    }

    private static CreateEventCommand ToCommand(CreateEventInput input) =>
        new(
            input.Title,
            input.ToTimeInput(),
            input.CalendarId is null ? null : CalendarType.Decode(input.CalendarId, "calendarId"),
            input.Description,
            input.Location,
            input.IdempotencyKey,
            input.ShowAs ?? Availability.Busy,
            input.IsFlexible ?? false,
            input.RejectConflicts ?? false,
            input.Recurrence);

    private void AddOccurrenceMutations()
    {
        Field<NonNullGraphType<EventPayloadType>>("updateOccurrence")
            .Description("Changes one occurrence of a series (it becomes an override), this and the following ones (the series is split), or all.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<UpdateOccurrenceInputType>>("input", "The occurrence, the scope and what changes.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateOccurrenceInput>("input");
                return await c.MutateAsync(
                    () => new UpdateOccurrenceCommand(
                        EventType.Decode(input.SeriesId, "seriesId"), input.RecurrenceId, input.Scope, input.Title, input.Description, input.Location, input.ToTimeInput()),
                    EventSucceeded,
                    EventFailed);
            });

        Field<NonNullGraphType<DeletePayloadType>>("deleteOccurrence")
            .Description("Deletes one occurrence of a series, this and the following ones, or the whole series. `deletedId` is the series.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<DeleteOccurrenceInputType>>("input", "The occurrence and the scope.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeleteOccurrenceInput>("input");
                return await c.MutateAsync(
                    () => new DeleteOccurrenceCommand(EventType.Decode(input.SeriesId, "seriesId"), input.RecurrenceId, input.Scope),
                    id => new DeletePayload(EventType.Encode(id), []),
                    errors => new DeletePayload(null, errors));
            });

        Field<NonNullGraphType<AssistantReplyPayloadType>>("sendMessage")
            .Description("Says something to the assistant, which acts on it: creates, moves, changes or cancels events through the same rules as the other mutations (a taken time is not double-booked: the reply offers other times), answers questions, or asks what is missing. Pass the returned `conversationId` with the next message.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<NonNullGraphType<SendMessageInputType>>("input", "The words and the conversation.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SendMessageInput>("input");
                return await c.MutateAsync(
                    () => new SendMessageCommand(input.Text, input.ConversationId is { } id ? ConversationType.Decode(id, "conversationId") : null),
                    reply => new AssistantReplyPayload(reply, []),
                    errors => new AssistantReplyPayload(null, errors));
            });

        Field<NonNullGraphType<AssistantReplyPayloadType>>("undoLastAction")
            .Description("Takes back the assistant's last change if it is at most five minutes old and the events were not changed since (else CHANGED_SINCE).")
            .RequireScope(ApiScopes.Assistant)
            .Argument<UndoLastActionInputType>("input", "Which conversation; left out, the last action anywhere.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UndoLastActionInput?>("input");
                return await c.MutateAsync(
                    () => new UndoLastActionCommand(input?.ConversationId is { } id ? ConversationType.Decode(id, "conversationId") : null),
                    reply => new AssistantReplyPayload(reply, []),
                    errors => new AssistantReplyPayload(null, errors));
            });
    }

    private static CalendarPayload CalendarSucceeded(Application.Calendars.CalendarDto calendar) => new(calendar, []);

    private static CalendarPayload CalendarFailed(IReadOnlyList<UserError> errors) => new(null, errors);

    private static EventPayload EventSucceeded(Application.Events.EventDto calendarEvent) => new(calendarEvent, []);

    private static EventPayload EventFailed(IReadOnlyList<UserError> errors) => new(null, errors);
}
