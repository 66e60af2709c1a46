using System.Globalization;
using CleanAssistant.Application.Events;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Application.Conversations;

/// <summary>How the assistant says times and lists in its replies: the user's zone, "today"/"tomorrow" where they fit.</summary>
internal sealed class Phrasing(DateTimeZone zone, LocalDate today)
{
    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("ddd d MMM");

    public DateTimeZone Zone => zone;

    public string Date(LocalDate date) =>
        date == today ? "today" : date == today.PlusDays(1) ? "tomorrow" : date == today.PlusDays(-1) ? "yesterday" : Day.Format(date);

    public string When(Instant start, bool allDay = false)
    {
        var local = start.InZone(zone).LocalDateTime;
        return allDay ? Date(local.Date) : $"{Date(local.Date)} at {Clock.Format(local.TimeOfDay)}";
    }

    public string Span(Instant start, Instant end)
    {
        var from = start.InZone(zone).LocalDateTime;
        var to = end.InZone(zone).LocalDateTime;
        return from.Date == to.Date || (to.TimeOfDay == LocalTime.Midnight && to.Date == from.Date.PlusDays(1))
            ? $"{Date(from.Date)} {Clock.Format(from.TimeOfDay)}–{Clock.Format(to.TimeOfDay)}"
            : $"{When(start)} to {When(end)}";
    }

    public string Event(EventDto e) => $"'{e.Title}' {When(e.Start, e.IsAllDay)}";

    public string Time(Instant instant) => Clock.Format(instant.InZone(zone).TimeOfDay);

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : string.Create(CultureInfo.InvariantCulture, $"{n} {many}");
}
