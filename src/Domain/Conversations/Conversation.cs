using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Conversations;

public readonly record struct ConversationId(Guid Value)
{
    public static ConversationId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

public readonly record struct TurnId(Guid Value)
{
    public static TurnId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>Who said a turn.</summary>
public enum Speaker
{
    User,
    Assistant,
}

/// <summary>
/// A user's exchange with the assistant. It keeps its turns, the event the talk is about (what "it" and
/// "that" mean in the next turn) and the question the assistant is waiting to have answered.
/// </summary>
public sealed class Conversation : Entity<ConversationId>, IVersioned
{
    public const int MaxTurnTextLength = 2000;
    public const int MaxTurns = 500;

    private readonly List<ConversationTurn> _turns = [];

    private Conversation()
    {
    }

    public UserId OwnerId { get; private set; }

    public Instant StartedAt { get; private set; }

    public Instant LastActiveAt { get; private set; }

    /// <summary>The event the last turn acted on or talked about; "it" in the next turn.</summary>
    public EventId? FocusEventId { get; private set; }

    /// <summary>The question the assistant asked and waits to have answered; null when it asked none.</summary>
    public PendingQuestion? Pending { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ConversationTurn> Turns => _turns;

    public static Conversation Start(UserId owner, Instant now) => new()
    {
        Id = ConversationId.New(),
        OwnerId = owner,
        StartedAt = now,
        LastActiveAt = now,
    };

    /// <summary>Adds what was said; the oldest turns are dropped beyond <see cref="MaxTurns"/>.</summary>
    public ConversationTurn Say(Speaker speaker, string text, Instant now, string? intent = null, EventId? eventId = null)
    {
        var turn = new ConversationTurn(TurnId.New(), Id, speaker, Guard.Text(text, "text", MaxTurnTextLength), now, intent, eventId);
        _turns.Add(turn);
        if (_turns.Count > MaxTurns)
        {
            _turns.RemoveAt(0);
        }

        LastActiveAt = now;
        Version++;
        return turn;
    }

    /// <summary>What "it" means from now on.</summary>
    public void Focus(EventId? eventId) => FocusEventId = eventId ?? FocusEventId;

    public void Ask(PendingQuestion question) => Pending = question;

    public void Answered() => Pending = null;
}

/// <summary>One thing said in a conversation, with the intent understood and the event it was about.</summary>
public sealed class ConversationTurn
{
    private ConversationTurn()
    {
        Text = string.Empty;
    }

    internal ConversationTurn(TurnId id, ConversationId conversationId, Speaker speaker, string text, Instant at, string? intent, EventId? eventId)
    {
        Id = id;
        ConversationId = conversationId;
        Speaker = speaker;
        Text = text;
        At = at;
        Intent = intent;
        EventId = eventId;
    }

    public TurnId Id { get; private set; }

    public ConversationId ConversationId { get; private set; }

    public Speaker Speaker { get; private set; }

    public string Text { get; private set; }

    public Instant At { get; private set; }

    public string? Intent { get; private set; }

    public EventId? EventId { get; private set; }
}

/// <summary>What the assistant asked.</summary>
public enum QuestionKind
{
    /// <summary>A slot the command needs is missing ("When?", "What should I call it?"); the answer completes the original words.</summary>
    MissingDetail,

    /// <summary>Several events fit ("which dentist appointment?"); the answer picks one of <see cref="PendingQuestion.Choices"/>.</summary>
    WhichEvent,

    /// <summary>The time was taken and other times were offered; the answer picks one of <see cref="PendingQuestion.Choices"/>.</summary>
    OtherTime,
}

/// <summary>One option offered with a question: an event to pick, or a time to take instead.</summary>
public sealed record Choice(string Label, EventId? EventId = null, LocalDateTime? OccurrenceStart = null, Instant? Start = null, Instant? End = null);

/// <summary>A question waiting for its answer: the words it is about, what is missing, the options offered.</summary>
public sealed record PendingQuestion(QuestionKind Kind, string OriginalText, string Missing, IReadOnlyList<Choice> Choices, Instant AskedAt);
