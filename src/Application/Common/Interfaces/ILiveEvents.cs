using System.Text.Json.Serialization;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>Something a user can watch happen live (GraphQL subscriptions). Only <see cref="UserId"/> ever receives it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CalendarChanged), "calendarChanged")]
[JsonDerivedType(typeof(ConversationUpdated), "conversationUpdated")]
[JsonDerivedType(typeof(ReminderDue), "reminderDue")]
public abstract record LiveEvent(UserId UserId);

/// <summary>What happened to an event.</summary>
public enum CalendarChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>An event in one of the user's calendars was created, changed or deleted, from any source (API, assistant, import).</summary>
public sealed record CalendarChanged(UserId UserId, EventId EventId, CalendarChangeKind Kind, Instant At) : LiveEvent(UserId);

/// <summary>A conversation got a new turn (the user's words or the assistant's reply).</summary>
public sealed record ConversationUpdated(UserId UserId, ConversationId ConversationId, Speaker Speaker, string Text, Instant At) : LiveEvent(UserId);

/// <summary>A reminder came due: its text (or the event's title), and for an event reminder the event and when its occurrence starts.</summary>
public sealed record ReminderDue(UserId UserId, ReminderId ReminderId, string Text, EventId? EventId, Instant? OccurrenceStart, Instant DueAt) : LiveEvent(UserId);

/// <summary>
/// Live events, fanned out to every subscriber of the user: in-process in embedded mode, through Redis pub/sub
/// in distributed mode so a change served by one instance reaches subscribers on another.
/// </summary>
public interface ILiveEvents
{
    /// <summary>Sends the event to the user's subscribers on every instance. Never throws for a subscriber's sake.</summary>
    ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken);

    /// <summary>The user's events from now on, until the subscription is disposed.</summary>
    IObservable<LiveEvent> Watch(UserId userId);
}
