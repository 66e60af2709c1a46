using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Application.Interpretation;

/// <summary>Turns one utterance into one calendar command (shared/contracts/interpret.md); the CLI picks one by name.</summary>
public interface IInterpreter
{
    /// <summary>What <c>--interpreter NAME</c> and configuration call it.</summary>
    string Name { get; }

    /// <summary>Interprets one utterance. Never throws for what the user said: an utterance it does not understand is <see cref="Intent.Unknown"/>.</summary>
    ValueTask<Interpretation> InterpretAsync(InterpretationRequest request, CancellationToken cancellationToken);
}

/// <summary>One utterance and what is needed to read it.</summary>
/// <param name="Text">The utterance, typed or transcribed.</param>
/// <param name="Now">The user's wall-clock time in <paramref name="Zone"/>.</param>
/// <param name="Zone">The user's time zone.</param>
public sealed record InterpretationRequest(string Text, LocalDateTime Now, DateTimeZone Zone)
{
    /// <summary>How the user reads expressions people disagree on.</summary>
    public AmbiguityPreferences Ambiguity { get; init; } = AmbiguityPreferences.Default;

    /// <summary>Who is asking, when known: LLM interpreters count tokens against this user's budget.</summary>
    public UserId? UserId { get; init; }
}
