using NodaTime;

namespace CleanAssistant.Domain.Recurrence;

internal static class RecurrenceText
{
    private static readonly string[] Codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static string DayCode(IsoDayOfWeek day) => Codes[(int)day - 1];

    public static IsoDayOfWeek? ParseDay(ReadOnlySpan<char> code)
    {
        for (var i = 0; i < Codes.Length; i++)
        {
            if (code.Equals(Codes[i], StringComparison.OrdinalIgnoreCase))
            {
                return (IsoDayOfWeek)(i + 1);
            }
        }

        return null;
    }
}
