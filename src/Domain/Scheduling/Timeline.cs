using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>One attendee's calendar and hours for one request, as sorted span arrays ready for sweeps and binary searches.</summary>
internal sealed class Timeline
{
    private static readonly long WakingStart = new LocalTime(8, 0).TickOfDay;
    private static readonly long WakingEnd = new LocalTime(21, 0).TickOfDay;

    private Timeline(Attendee attendee) => Attendee = attendee;

    public Attendee Attendee { get; }

    public DateTimeZone Zone => Attendee.WorkingHours.Zone;

    /// <summary>Hours the request's scope allows, clipped to the search range: a meeting must lie inside one of them.</summary>
    public Span[] Allowed { get; private init; } = [];

    /// <summary>Working hours, for the reasons; not clipped.</summary>
    public Span[] Working { get; private init; } = [];

    /// <summary>Per local day, from the first to the last hour of the day the scope uses (working or waking).</summary>
    public Span[] Days { get; private init; } = [];

    public Span[] Busy { get; private init; } = [];

    public Span[] Away { get; private init; } = [];

    public Span[] Tentative { get; private init; } = [];

    public Span[] Elsewhere { get; private init; } = [];

    /// <summary>Busy, away and tentative, as they are.</summary>
    public Span[] Occupied { get; private init; } = [];

    /// <summary>Occupied, widened by the person's buffers (all-day events are not widened).</summary>
    public Span[] Blocked { get; private init; } = [];

    public Span[] Free() => Spans.Subtract(Allowed, Blocked);

    public static Timeline Build(Attendee attendee, MeetingRequest request, Instant from, Instant to)
    {
        var zone = attendee.WorkingHours.Zone;
        var preferences = attendee.Preferences;
        var requestStart = request.EarliestLocal?.TickOfDay ?? 0;
        var requestEnd = EndTick(request.LatestLocal);
        var personStart = preferences.EarliestLocal?.TickOfDay ?? 0;
        var personEnd = EndTick(preferences.LatestLocal);
        var wakingStart = preferences.EarliestLocal?.TickOfDay ?? WakingStart;
        var wakingEnd = preferences.LatestLocal is null ? WakingEnd : personEnd;

        var allowed = new List<Span>();
        var working = new List<Span>();
        var days = new List<Span>();
        var lastDay = to.InZone(zone).Date.PlusDays(1);
        for (var date = from.InZone(zone).Date.PlusDays(-1); date <= lastDay; date = date.PlusDays(1))
        {
            var workRanges = attendee.WorkingHours.On(date.DayOfWeek);
            foreach (var range in workRanges)
            {
                working.Add(ToSpan(zone, date, range.StartTick, range.EndTick));
            }

            if (request.Scope == SchedulingScope.Personal)
            {
                days.Add(ToSpan(zone, date, wakingStart, wakingEnd));
            }
            else if (workRanges.Count > 0)
            {
                days.Add(ToSpan(zone, date, workRanges[0].StartTick, workRanges[^1].EndTick));
            }

            if (request.ExcludedDays.Contains(date.DayOfWeek))
            {
                continue;
            }

            void Allow(long start, long end)
            {
                start = Math.Max(start, requestStart);
                end = Math.Min(end, requestEnd);
                if (start >= end)
                {
                    return;
                }

                var span = ToSpan(zone, date, start, end);
                var clipped = new Span(Spans.Max(span.Start, from), Spans.Min(span.End, to));
                if (clipped.Start < clipped.End)
                {
                    allowed.Add(clipped);
                }
            }

            switch (request.Scope)
            {
                case SchedulingScope.WorkingHours:
                    foreach (var range in workRanges)
                    {
                        Allow(Math.Max(range.StartTick, personStart), Math.Min(range.EndTick, personEnd));
                    }

                    break;
                case SchedulingScope.Personal:
                    Allow(wakingStart, wakingEnd);
                    break;
                default:
                    Allow(0, NodaConstants.TicksPerDay);
                    break;
            }
        }

        if (!attendee.IsAvailabilityKnown)
        {
            return new Timeline(attendee) { Allowed = Spans.Merge(allowed), Working = Spans.Merge(working), Days = [.. days] };
        }

        // Sort once; the lists below then come out sorted and merging them needs no further sort.
        var relevantFrom = from - Duration.FromDays(1) - preferences.BufferAfter;
        var relevantTo = to + Duration.FromDays(1) + preferences.BufferBefore;
        var blocks = attendee.Busy.Where(b => b.Status != Availability.Free && b.Start < relevantTo && b.End > relevantFrom && b.End > b.Start).ToArray();
        Array.Sort(blocks.Select(b => b.Start).ToArray(), blocks);

        List<Span> busy = [], away = [], tentative = [], elsewhere = [], occupied = [], blocked = [];
        foreach (var block in blocks)
        {
            var span = new Span(block.Start, block.End);
            var list = block.Status switch
            {
                Availability.Busy => busy,
                Availability.OutOfOffice => away,
                Availability.Tentative => tentative,
                _ => elsewhere,
            };
            list.Add(span);
            if (block.Blocks)
            {
                occupied.Add(span);
                // A buffer around an all-day event would eat the evening before and the morning after.
                blocked.Add(block.IsAllDay ? span : new Span(block.Start - preferences.BufferBefore, block.End + preferences.BufferAfter));
            }
        }

        return new Timeline(attendee)
        {
            Allowed = Spans.Merge(allowed),
            Working = Spans.Merge(working),
            Days = [.. days],
            Busy = Spans.Merge(busy),
            Away = Spans.Merge(away),
            Tentative = Spans.Merge(tentative),
            Elsewhere = Spans.Merge(elsewhere),
            Occupied = Spans.Merge(occupied),
            Blocked = Spans.Merge(blocked),
        };
    }

    private static long EndTick(LocalTime? time) =>
        time is null || time == LocalTime.Midnight ? NodaConstants.TicksPerDay : time.Value.TickOfDay;

    private static Span ToSpan(DateTimeZone zone, LocalDate date, long startTick, long endTick) =>
        new(ToInstant(zone, date, startTick), ToInstant(zone, date, endTick));

    // Leniently: a local time skipped by a DST change moves forward by the gap, an ambiguous one takes the earlier offset.
    private static Instant ToInstant(DateTimeZone zone, LocalDate date, long tick) => tick switch
    {
        0 => zone.AtStartOfDay(date).ToInstant(),
        >= NodaConstants.TicksPerDay => zone.AtStartOfDay(date.PlusDays(1)).ToInstant(),
        _ => zone.AtLeniently(date + LocalTime.FromTicksSinceMidnight(tick)).ToInstant(),
    };
}
