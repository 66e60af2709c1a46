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
[JsonDerivedType(typeof(VoiceSessionUpdated), "voiceSessionUpdated")]
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

/// <summary>What happened in a live voice session.</summary>
public enum VoiceSessionStage
{
    /// <summary>The session is open and listening.</summary>
    Ready,

    /// <summary>Speech started.</summary>
    SpeechStarted,

    /// <summary>What was heard so far in the utterance (it may still change).</summary>
    Partial,

    /// <summary>What was heard in the whole utterance.</summary>
    Final,

    /// <summary>The command was carried out: the reply is in <see cref="VoiceSessionUpdated.Reply"/>.</summary>
    Result,

    /// <summary>Something went wrong with this utterance (the session goes on): <see cref="VoiceSessionUpdated.Code"/>.</summary>
    Error,
}

/// <summary>
/// A step of a live voice session (audio streamed over <c>/voice/stream</c>): speech started, partial and final
/// transcripts, the command's result. Carried to <c>voiceSession</c> subscribers, the session's owner only.
/// </summary>
public sealed record VoiceSessionUpdated(UserId UserId, Guid SessionId, VoiceSessionStage Stage, Instant At) : LiveEvent(UserId)
{
    public string? Text { get; init; }

    public string? Engine { get; init; }

    /// <summary>For <see cref="VoiceSessionStage.Result"/>: the assistant's reply, its outcome, the conversation, the reply audio's URL.</summary>
    public string? Reply { get; init; }

    public string? Outcome { get; init; }

    public ConversationId? ConversationId { get; init; }

    public string? ReplyAudioUrl { get; init; }

    /// <summary>For <see cref="VoiceSessionStage.Error"/>: the error code (AUDIO_TOO_LONG, SPEECH_ENGINE_FAILED, …) and message.</summary>
    public string? Code { get; init; }

    public string? Message { get; init; }
}

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
