using NodaTime;

namespace CleanAssistant.Application.Interpretation;

/// <summary>Turns one utterance into one calendar command (shared/contracts/interpret.md); the CLI picks one by name.</summary>
public interface IInterpreter
{
    /// <summary>What <c>--interpreter NAME</c> calls it.</summary>
    string Name { get; }

    /// <param name="text">The utterance, typed or transcribed.</param>
    /// <param name="now">The user's wall-clock time in <paramref name="zone"/>.</param>
    /// <param name="zone">The user's time zone.</param>
    Interpretation Interpret(string text, LocalDateTime now, DateTimeZone zone);
}
