using CleanAssistant.Application.Conversations;
using CleanAssistant.Application.Conversations.GetConversation;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Events;
using CleanAssistant.WebApi.GraphQL.Reminders;
using CleanAssistant.WebApi.GraphQL.Scheduling;
using GraphQL.Types;
using InterpretationResult = CleanAssistant.Application.Interpretation.Interpretation;

namespace CleanAssistant.WebApi.GraphQL.Conversations;

public sealed class IntentType : EnumerationGraphType<Intent>
{
    public IntentType()
    {
        Name = "Intent";
        Description = "What the user wants done (the interpret contract's intents).";
        Values["UNKNOWN"]!.Description = "Not a calendar command.";
        Values["CREATE_EVENT"]!.Description = "Put something on the calendar.";
        Values["RESCHEDULE_EVENT"]!.Description = "Move or resize an existing event.";
        Values["CANCEL_EVENT"]!.Description = "Delete an existing event.";
        Values["UPDATE_EVENT"]!.Description = "Change the title, place or people of an existing event.";
        Values["QUERY_AGENDA"]!.Description = "What is on the calendar.";
        Values["FIND_FREE_TIME"]!.Description = "When am I (are we) free.";
        Values["CREATE_REMINDER"]!.Description = "Remind me of something at a time.";
        Values["SUMMARIZE_MEETING"]!.Description = "Summarize a meeting.";
    }
}

public sealed class AssistantOutcomeType : EnumerationGraphType<AssistantOutcome>
{
    public AssistantOutcomeType()
    {
        Name = "AssistantOutcome";
        Description = "How a message ended; branch on it to show the reply.";
        Values["DONE"]!.Description = "The calendar was changed; `canUndo` says whether `undoLastAction` can still take it back.";
        Values["WOULD_DO"]!.Description = "A dry run (`interpret`): what sending the message would do. Nothing was changed.";
        Values["ANSWERED"]!.Description = "A question about the calendar was answered (agenda, free time, a meeting's details).";
        Values["QUESTION"]!.Description = "Something is missing or unclear; the reply asks and `choices` lists the options. The next message answers.";
        Values["CONFLICT"]!.Description = "The time is taken: nothing was booked; `events` are the conflicts and `slots` the times offered instead.";
        Values["NOT_FOUND"]!.Description = "No event fits what was said.";
        Values["NOT_UNDERSTOOD"]!.Description = "The message was not understood as a calendar command.";
        Values["UNDONE"]!.Description = "The last action was undone.";
        Values["FAILED"]!.Description = "It could not be done (the reply says why); nothing was changed.";
    }
}

public sealed class EventReferenceType : ObjectGraphType<EventReference>
{
    public EventReferenceType()
    {
        Name = "EventReference";
        Description = "An existing event as the user referred to it; only what was said is set.";
        Field(r => r.Title, nullable: true).Description("The words naming it (\"dentist\").");
        Field<InstantGraphType>("start").Description("Its start, when said.").Resolve(c => c.Source.Start?.ToInstant());
        Field<LocalDateGraphType>("date").Description("Its day, when said.").Resolve(c => c.Source.Date);
        Field(r => r.PointsBack).Description("The user said \"it\", \"that\" or \"the meeting\": the event of the previous turn.");
    }
}

public sealed class InterpretationAlternativeType : ObjectGraphType<InterpretationAlternative>
{
    public InterpretationAlternativeType()
    {
        Name = "InterpretationAlternative";
        Description = "Another reading of ambiguous words.";
        Field(a => a.Phrase).Description("The words that can be read two ways, as said.");
        Field(a => a.Meaning).Description("The other reading, in words.");
        Field<NonNullGraphType<InterpretationType>>("interpretation").Description("The whole command under that reading.").Resolve(c => c.Source.Interpretation);
    }
}

public sealed class InterpretationType : ObjectGraphType<InterpretationResult>
{
    public InterpretationType()
    {
        Name = "Interpretation";
        Description = "What the words were understood as: the intent and the slots said (see the interpret contract). Unsaid slots are null.";
        Field<NonNullGraphType<IntentType>>("intent").Description("What the user wants done.").Resolve(c => c.Source.Intent);
        Field(i => i.Confidence).Description("How sure the interpreter is, 0 to 1; below 0.8 the reply reads back what was understood.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InterpretationAlternativeType>>>>("alternatives")
            .Description("Other readings of ambiguous words, most likely first.").Resolve(c => c.Source.Alternatives);
        Field(i => i.Interpreter, nullable: true).Description("Which interpreter answered: offline or an LLM provider.");
        Field(i => i.Title, nullable: true).Description("Title of a new event, or what to be reminded of.");
        Field<InstantGraphType>("start").Description("Start of a new event (its first occurrence for a series).").Resolve(c => c.Source.Start?.ToInstant());
        Field<InstantGraphType>("end").Description("End of a new event, when a range was said.").Resolve(c => c.Source.End?.ToInstant());
        Field(i => i.DurationMinutes, nullable: true).Description("A length that was said (\"for 45 minutes\").");
        Field(i => i.AllDay, nullable: true).Description("True for a date without a time.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("attendees").Description("People as said.").Resolve(c => c.Source.Attendees);
        Field(i => i.Location, nullable: true).Description("Where, as said.");
        Field(i => i.Recurrence, nullable: true).Description("RRULE (RFC 5545) of a repeating event or reminder, e.g. FREQ=WEEKLY;BYDAY=TU.");
        Field<ListGraphType<NonNullGraphType<LocalDateGraphType>>>("exceptDates").Description("Local dates left out of the series.").Resolve(c => c.Source.ExceptDates);
        Field(i => i.ReminderMinutesBefore, nullable: true).Description("A reminder asked for, minutes before the start.");
        Field<EventReferenceType>("target").Description("The existing event meant.").Resolve(c => c.Source.Target);
        Field<InstantGraphType>("newStart").Description("Where a moved event starts.").Resolve(c => c.Source.NewStart?.ToInstant());
        Field<InstantGraphType>("newEnd").Description("Where a moved event ends, when said.").Resolve(c => c.Source.NewEnd?.ToInstant());
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("addAttendees").Description("People to add.").Resolve(c => c.Source.AddAttendees);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("removeAttendees").Description("People to remove.").Resolve(c => c.Source.RemoveAttendees);
        Field<InstantGraphType>("rangeStart").Description("Start of the time asked about.").Resolve(c => c.Source.RangeStart?.ToInstant());
        Field<InstantGraphType>("rangeEnd").Description("End of the time asked about (exclusive).").Resolve(c => c.Source.RangeEnd?.ToInstant());
        Field<InstantGraphType>("remindAt").Description("When to remind.").Resolve(c => c.Source.RemindAt?.ToInstant());
    }
}

public sealed class AssistantReplyType : ObjectGraphType<AssistantReplyDto>
{
    public AssistantReplyType()
    {
        Name = "AssistantReply";
        Description = "The assistant's answer to one message: a sentence to show or speak, and the structured result.";
        Field<IdGraphType>("conversationId").Description("The conversation; pass it with the next message so \"it\" and answers to questions are understood. Null for a dry run outside one.")
            .Resolve(c => c.Source.ConversationId is { } id ? ConversationType.Encode(id) : null);
        Field(r => r.Reply).Description("What the assistant says, in English.");
        Field<NonNullGraphType<AssistantOutcomeType>>("outcome").Description("How the message ended.").Resolve(c => c.Source.Outcome);
        Field<InterpretationType>("interpretation").Description("What the words were understood as; null for an undo.").Resolve(c => c.Source.Interpretation);
        Field<EventType>("event").Description("The event created, changed, cancelled or talked about.").Resolve(c => c.Source.Event);
        Field<ReminderType>("reminder").Description("The reminder set by a one-off \"remind me to …\" (a repeating one is an event with a reminder).").Resolve(c => c.Source.Reminder);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventType>>>>("events")
            .Description("Events listed: the agenda asked for, the conflicting events, or the candidates of a \"which one?\" question.").Resolve(c => c.Source.Events);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimeSlotType>>>>("slots").Description("Times found free, or offered instead of a taken one.").Resolve(c => c.Source.Slots);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choices")
            .Description("Options offered with a question; answer with its number (\"2\"), \"the second one\" or its words.").Resolve(c => c.Source.Choices);
        Field(r => r.CanUndo).Description("The change can be taken back with `undoLastAction` (or by saying \"undo\") for five minutes.");
    }
}

public sealed record AssistantReplyPayload(AssistantReplyDto? Reply, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class AssistantReplyPayloadType : ObjectGraphType<AssistantReplyPayload>
{
    public AssistantReplyPayloadType()
    {
        Name = "AssistantReplyPayload";
        Description = "The assistant's reply, or why the message could not be handled (e.g. VALIDATION for empty text, NOT_FOUND for another user's conversation).";
        Field<AssistantReplyType>("reply").Description("The reply; null when `errors` is not empty.").Resolve(c => c.Source.Reply);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public sealed class SpeakerType : EnumerationGraphType<Speaker>
{
    public SpeakerType()
    {
        Name = "Speaker";
        Description = "Who said a turn.";
        Values["USER"]!.Description = "The person.";
        Values["ASSISTANT"]!.Description = "The assistant.";
    }
}

public sealed class TurnType : ObjectGraphType<TurnDto>
{
    public TurnType()
    {
        Name = "Turn";
        Description = "One thing said in a conversation.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the turn.").Resolve(c => GlobalId.Encode("Turn", c.Source.Id.Value));
        Field<NonNullGraphType<SpeakerType>>("speaker").Description("Who said it.").Resolve(c => c.Source.Speaker);
        Field(t => t.Text).Description("What was said (or the assistant's reply).");
        Field(t => t.At).Description("When.");
        Field(t => t.Intent, nullable: true).Description("The intent understood (assistant turns), e.g. CreateEvent.");
        Field<IdGraphType>("eventId").Description("The event the turn was about.").Resolve(c => c.Source.EventId is { } id ? EventType.Encode(id) : null);
    }
}

public sealed class ConversationType : ObjectGraphType<ConversationDto>
{
    public const string TypeName = "Conversation";

    public ConversationType()
    {
        Name = TypeName;
        Description = "A user's exchange with the assistant: its turns, and the event \"it\" refers to.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the conversation.").Resolve(c => Encode(c.Source.Id));
        Field(x => x.StartedAt).Description("When it started.");
        Field(x => x.LastActiveAt).Description("When something was last said.");
        Field<IdGraphType>("focusEventId").Description("The event \"it\" and \"that\" refer to in the next message.").Resolve(c => c.Source.FocusEventId is { } id ? EventType.Encode(id) : null);
        Field(x => x.PendingQuestion, nullable: true).Description("What the assistant is waiting to be told (when, who, title, which, change), if it asked.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TurnType>>>>("turns").Description("Everything said, oldest first.").Resolve(c => c.Source.Turns);
    }

    public static string Encode(ConversationId id) => GlobalId.Encode(TypeName, id.Value);

    public static ConversationId Decode(string? id, string field = "id") => new(GlobalId.Decode(TypeName, id, field));
}

public sealed record SendMessageInput(string Text, string? ConversationId);

public sealed class SendMessageInputType : InputObjectGraphType<SendMessageInput>
{
    public SendMessageInputType()
    {
        Name = "SendMessageInput";
        Description = "Something said to the assistant.";
        Field(i => i.Text).Description("The words, typed or transcribed (at most 2,000 characters).");
        Field<IdGraphType>("conversationId").Description("The conversation it belongs to; left out, a new one starts.");
    }
}

public sealed record UndoLastActionInput(string? ConversationId);

public sealed class UndoLastActionInputType : InputObjectGraphType<UndoLastActionInput>
{
    public UndoLastActionInputType()
    {
        Name = "UndoLastActionInput";
        Description = "Which action to undo: the last one in a conversation, or the last one anywhere.";
        Field<IdGraphType>("conversationId").Description("Only this conversation's last action; left out, the user's last action anywhere.");
    }
}
