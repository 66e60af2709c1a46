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
