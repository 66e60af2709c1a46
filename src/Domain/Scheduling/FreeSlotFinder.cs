using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>Free time that every required attendee shares, within the request's hours, days, notice and window.</summary>
public static class FreeSlotFinder
{
    /// <summary>
    /// Merged intervals, at least the meeting's duration long, where no required attendee has a busy, out-of-office or
    /// tentative event (widened by their buffers) and everyone's allowed hours overlap. Optional attendees do not count.
    /// </summary>
    public static IReadOnlyList<Interval> Find(MeetingRequest request)
    {
        request.Validate();
        var from = request.EarliestStart;
        var to = request.Window.End;
        if (from + request.Duration > to)
        {
            return [];
        }

        var required = request.Attendees.Where(a => !a.IsOptional).Select(a => Timeline.Build(a, request, from, to)).ToList();
        return Find(required, request.Duration, from, to);
    }

    internal static List<Interval> Find(IReadOnlyList<Timeline> required, Duration duration, Instant from, Instant to)
    {
        Span[] common = [new Span(from, to)];
        foreach (var timeline in required)
        {
            common = Spans.Intersect(common, timeline.Free());
            if (common.Length == 0)
            {
                break;
            }
        }

        return common.Where(s => s.Length >= duration).Select(s => s.ToInterval()).ToList();
    }
}
