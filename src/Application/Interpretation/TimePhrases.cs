using NodaTime;

namespace CleanAssistant.Application.Interpretation;

/// <summary>A time phrase resolved by the offline grammar: a start (with end, all-day and a recurrence rule when said).</summary>
public sealed record ResolvedTime(OffsetDateTime Start, OffsetDateTime? End, bool AllDay, string? Recurrence);

/// <summary>
/// The offline date/time resolver on its own, for phrases that other interpreters (LLMs) or follow-up turns
/// hand over ("next Friday at 3", "tomorrow morning"): every interpreter then follows the contract's conventions.
/// </summary>
public static class TimePhrases
{
    /// <summary>When something new happens, as for an event's start (<paramref name="reminder"/>: a reminder's time); null when the phrase says no time.</summary>
    public static ResolvedTime? Moment(string phrase, InterpretationRequest request, bool reminder = false)
    {
        var utterance = Parse(phrase, request);
        return utterance.Resolver.Start(utterance.WholeFrame, reminder) is { } moment
            ? new ResolvedTime(moment.Start, moment.End, moment.AllDay, moment.Rule)
            : null;
    }

    /// <summary>The span a phrase covers, as for an agenda question ("tomorrow", "next week"); the end is exclusive.</summary>
    public static (OffsetDateTime Start, OffsetDateTime End)? Range(string phrase, InterpretationRequest request) =>
        Parse(phrase, request) is var utterance ? utterance.Resolver.QueryRange(utterance.WholeFrame) : null;

    private static Utterance Parse(string phrase, InterpretationRequest request)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        ArgumentNullException.ThrowIfNull(request);
        return new Utterance(Normalizer.Tokenize(phrase), new TimeResolver(request.Now, request.Zone, request.Ambiguity));
    }
}
