using NodaTime;

namespace CleanAssistant.Domain.Recurrence;

/// <summary>
/// One instance of a recurring series: [Start, End) as instants, and <see cref="RecurrenceId"/>, the local
/// wall-clock start the rule generated (before a daylight-saving gap moved it), which identifies the instance.
/// </summary>
public readonly record struct Occurrence(Instant Start, Instant End, LocalDateTime RecurrenceId);
