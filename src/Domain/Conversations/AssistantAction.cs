using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Conversations;

public readonly record struct AssistantActionId(Guid Value)
{
    public static AssistantActionId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// Something the assistant did to the user's calendar, kept so it can be undone for a while: the events and
/// reminders it created and how the events it changed were before (and their version after, so a later edit is not overwritten).
/// </summary>
public sealed class AssistantAction : Entity<AssistantActionId>
{
    public const int MaxDescriptionLength = 300;

    private AssistantAction()
    {
        Description = string.Empty;
    }

    public UserId OwnerId { get; private set; }

    public ConversationId? ConversationId { get; private set; }

    /// <summary>What was done, in words ("Created 'Lunch with Alice' on Thu 26 Nov at 12:00").</summary>
    public string Description { get; private set; }

    public Instant At { get; private set; }

    /// <summary>Undo is offered until then.</summary>
    public Instant UndoableUntil { get; private set; }

    public Instant? UndoneAt { get; private set; }

    /// <summary>Events that did not exist before: undo deletes them.</summary>
    public IReadOnlyList<EventId> Created { get; private set; } = [];

    /// <summary>Events as they were before: undo puts them back.</summary>
    public IReadOnlyList<EventSnapshot> Before { get; private set; } = [];

    /// <summary>Standalone reminders it set: undo dismisses them.</summary>
    public IReadOnlyList<ReminderId> CreatedReminders { get; private set; } = [];

    public static AssistantAction Record(
        UserId owner,
        ConversationId? conversationId,
        string description,
        IReadOnlyList<EventId> created,
        IReadOnlyList<EventSnapshot> before,
        Instant now,
        Duration undoWindow,
        IReadOnlyList<ReminderId>? createdReminders = null) =>
        new()
        {
            Id = AssistantActionId.New(),
            OwnerId = owner,
            ConversationId = conversationId,
            Description = Guard.Text(description, "description", MaxDescriptionLength),
            Created = created,
            Before = before,
            CreatedReminders = createdReminders ?? [],
            At = now,
            UndoableUntil = now + undoWindow,
        };

    public bool CanUndo(Instant now) => UndoneAt is null && now < UndoableUntil;

    /// <summary>Marks the action undone; the caller has put the events back.</summary>
    public void Undone(Instant now)
    {
        if (UndoneAt is not null)
        {
            throw new DomainException("ALREADY_UNDONE", "That action was already undone.");
        }

        if (now >= UndoableUntil)
        {
            throw new DomainException("UNDO_EXPIRED", "That action can no longer be undone.");
        }

        UndoneAt = now;
    }
}
