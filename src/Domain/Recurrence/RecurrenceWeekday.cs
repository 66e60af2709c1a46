using NodaTime;

namespace CleanAssistant.Domain.Recurrence;

/// <summary>
/// One BYDAY entry: a weekday, optionally with an ordinal ("1MO" = first Monday, "-1FR" = last Friday).
/// <see cref="Ordinal"/> is 0 for "every such weekday".
/// </summary>
public readonly record struct RecurrenceWeekday(IsoDayOfWeek Day, int Ordinal = 0)
{
    public override string ToString() =>
        Ordinal == 0 ? RecurrenceText.DayCode(Day) : $"{Ordinal}{RecurrenceText.DayCode(Day)}";
}
