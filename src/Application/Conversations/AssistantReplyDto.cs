using CleanAssistant.Application.Events;
using CleanAssistant.Application.Reminders;
using InterpretationResult = CleanAssistant.Application.Interpretation.Interpretation;
using CleanAssistant.Domain.Conversations;
using NodaTime;

namespace CleanAssistant.Application.Conversations;

/// <summary>How a message ended.</summary>
public enum AssistantOutcome
{
    /// <summary>The calendar was changed; <see cref="AssistantReplyDto.CanUndo"/> says whether it can still be undone.</summary>
    Done,

    /// <summary>A dry run: this is what sending the message would do. Nothing was changed.</summary>
    WouldDo,

    /// <summary>A question about the calendar was answered (agenda, free time, a meeting's details).</summary>
    Answered,

    /// <summary>Something is missing or unclear; the reply asks, and the next message answers.</summary>
    Question,

    /// <summary>The time is taken; nothing was booked, other times are offered.</summary>
    Conflict,

    /// <summary>No event fits what was said.</summary>
    NotFound,

    /// <summary>The message was not understood as a calendar command.</summary>
    NotUnderstood,

    /// <summary>The last action was undone.</summary>
    Undone,

    /// <summary>It could not be done (the reply says why); nothing was changed.</summary>
    Failed,
}

/// <summary>The assistant's answer to one message: a sentence to show or speak, and the structured result.</summary>
public sealed record AssistantReplyDto(string Reply, AssistantOutcome Outcome)
{
    /// <summary>The conversation the message belongs to; null for a dry run outside a conversation.</summary>
    public ConversationId? ConversationId { get; init; }

    /// <summary>What the words were understood as; null when the message was an answer to a question or an undo.</summary>
    public InterpretationResult? Interpretation { get; init; }

    /// <summary>The event created, changed, deleted or talked about.</summary>
    public EventDto? Event { get; init; }

    /// <summary>The reminder set (a one-off "remind me to …").</summary>
    public ReminderDto? Reminder { get; init; }

    /// <summary>Events listed: the agenda asked for, the conflicting events, or the candidates of a "which one?" question.</summary>
    public IReadOnlyList<EventDto> Events { get; init; } = [];

    /// <summary>Times found free, or offered instead of a taken one.</summary>
    public IReadOnlyList<Interval> Slots { get; init; } = [];

    /// <summary>The options offered with a question, as they can be answered ("1", "the first one", the words of the label).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The change can be undone with <c>undoLastAction</c> (or by saying "undo") for a few minutes.</summary>
    public bool CanUndo { get; init; }
}
