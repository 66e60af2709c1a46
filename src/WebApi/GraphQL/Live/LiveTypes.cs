using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Events.GetEvent;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Conversations;
using CleanAssistant.WebApi.GraphQL.Events;
using GraphQL;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Live;

public sealed class CalendarChangeKindType : EnumerationGraphType<CalendarChangeKind>
{
    public CalendarChangeKindType()
    {
        Name = "CalendarChangeKind";
        Description = "What happened to an event.";
        Values["CREATED"]!.Description = "The event was created.";
        Values["UPDATED"]!.Description = "The event was changed (time, title, place, people, recurrence).";
        Values["DELETED"]!.Description = "The event was deleted; `event` is null.";
    }
}

public sealed class CalendarChangeType : ObjectGraphType<CalendarChanged>
{
    public CalendarChangeType()
    {
        Name = "CalendarChange";
        Description = "An event in one of your calendars was created, changed or deleted, by any client or the assistant.";
        Field<NonNullGraphType<CalendarChangeKindType>>("kind").Description("What happened.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("eventId").Description("The event's id, also when it is deleted.").Resolve(c => EventType.Encode(c.Source.EventId));
        Field<NonNullGraphType<InstantGraphType>>("at").Description("When it happened.").Resolve(c => c.Source.At);
        Field<EventType>("event")
            .Description("The event as it is now; null when it was deleted (or deleted again since).")
            .ResolveAsync(async c =>
            {
                if (c.Source.Kind == CalendarChangeKind.Deleted)
                {
                    return null;
                }

                try
                {
                    return await c.QueryAsync(() => new GetEventQuery(c.Source.EventId));
                }
                catch (ExecutionError error) when (error.Code == "NOT_FOUND")
                {
                    return null;
                }
            });
    }
}

public sealed class ConversationTurnAddedType : ObjectGraphType<ConversationUpdated>
{
    public ConversationTurnAddedType()
    {
        Name = "ConversationTurnAdded";
        Description = "A new turn in one of your conversations, as it is said.";
        Field<NonNullGraphType<IdGraphType>>("conversationId").Description("The conversation.").Resolve(c => ConversationType.Encode(c.Source.ConversationId));
        Field<NonNullGraphType<SpeakerType>>("speaker").Description("Who said it.").Resolve(c => c.Source.Speaker);
        Field<NonNullGraphType<StringGraphType>>("text").Description("What was said.").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<InstantGraphType>>("at").Description("When it was said.").Resolve(c => c.Source.At);
    }
}

public sealed class ReminderDueType : ObjectGraphType<ReminderDue>
{
    public ReminderDueType()
    {
        Name = "ReminderDue";
        Description = "A reminder that is due now. Delivered once per reminder (a retried delivery may repeat it: de-duplicate on `reminderId`).";
        Field<NonNullGraphType<IdGraphType>>("reminderId").Description("The reminder; snooze or dismiss it with this id.").Resolve(c => Reminders.ReminderType.Encode(c.Source.ReminderId));
        Field<NonNullGraphType<StringGraphType>>("text").Description("What to be reminded of.").Resolve(c => c.Source.Text);
        Field<IdGraphType>("eventId").Description("The event it is about; null for a standalone reminder.").Resolve(c => c.Source.EventId is { } id ? EventType.Encode(id) : null);
        Field<InstantGraphType>("occurrenceStart").Description("For an event: when (that occurrence of) it starts.").Resolve(c => c.Source.OccurrenceStart);
        Field<NonNullGraphType<InstantGraphType>>("dueAt").Description("When the reminder was due.").Resolve(c => c.Source.DueAt);
    }
}

public sealed class VoiceSessionStageType : EnumerationGraphType<VoiceSessionStage>
{
    public VoiceSessionStageType()
    {
        Name = "VoiceSessionStage";
        Description = "What happened in a live voice session.";
        Values["READY"]!.Description = "The session is open and listening.";
        Values["SPEECH_STARTED"]!.Description = "Speech started.";
        Values["PARTIAL"]!.Description = "What was heard so far in the utterance; it may still change.";
        Values["FINAL"]!.Description = "What was heard in the whole utterance.";
        Values["RESULT"]!.Description = "The command was carried out; see `reply`.";
        Values["ERROR"]!.Description = "This utterance failed (see `code`); the session goes on.";
    }
}

public sealed class VoiceSessionUpdateType : ObjectGraphType<VoiceSessionUpdated>
{
    public VoiceSessionUpdateType()
    {
        Name = "VoiceSessionUpdate";
        Description = "A step of a live voice session fed by audio streamed to `/voice/stream` (see docs/voice.md).";
        Field<NonNullGraphType<IdGraphType>>("sessionId").Description("The session, as the stream's `ready` message named it.").Resolve(c => c.Source.SessionId.ToString("N"));
        Field<NonNullGraphType<VoiceSessionStageType>>("stage").Description("What happened.").Resolve(c => c.Source.Stage);
        Field<NonNullGraphType<InstantGraphType>>("at").Description("When.").Resolve(c => c.Source.At);
        Field(u => u.Text, nullable: true).Description("PARTIAL and FINAL: the words heard.");
        Field(u => u.Engine, nullable: true).Description("FINAL: the speech engine that heard them.");
        Field(u => u.Reply, nullable: true).Description("RESULT: what the assistant says.");
        Field(u => u.Outcome, nullable: true).Description("RESULT: how the command ended (an `AssistantOutcome` value).");
        Field<IdGraphType>("conversationId").Description("RESULT: the conversation the command went to.").Resolve(c => c.Source.ConversationId is { } id ? ConversationType.Encode(id) : null);
        Field(u => u.ReplyAudioUrl, nullable: true).Description("RESULT: where the spoken reply can be fetched, when asked for.");
        Field(u => u.Code, nullable: true).Description("ERROR: the error code.");
        Field(u => u.Message, nullable: true).Description("ERROR: what went wrong.");
    }
}
