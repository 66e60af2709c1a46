using System.Globalization;
using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>
/// Ranked meeting times with itemized reasons, like Graph's findMeetingTimes; when nothing fits, a diagnosis and the
/// single relaxations that would make something fit.
/// </summary>
public static class MeetingSuggester
{
    // Less than this between two events is "back-to-back": no time to get a coffee or change rooms.
    private static readonly Duration BreathingRoom = Duration.FromMinutes(15);
    private static readonly Duration EdgeOfDay = Duration.FromHours(1);
    private static readonly Duration FocusBlock = Duration.FromHours(2);
    private static readonly Duration FocusPiece = Duration.FromHours(1);
    private static readonly LocalTime Noon = new(12, 0);

    // Availability dominates (10 points at 100% confidence); the soft reasons reorder times of equal availability and
    // are divided by the number of attendees, so "fewest people" wins without large teams swamping availability.
    private const double AvailabilityWeight = 10;
    private const double InWorkingHoursBonus = 2;
    private const double OutsideWorkingHoursPenalty = 3;
    private const double NoBackToBackBonus = 1;
    private const double BackToBackPenalty = 1.5;
    private const double PreferredTimeBonus = 1.5;
    private const double EdgeOfDayPenalty = 1;
    private const double FragmentationPenalty = 1.5;
    private const double EarlierBonus = 0.05;
    private const double OptionalWeight = 0.5;

    /// <summary>Suggests up to <see cref="MeetingRequest.MaxCandidates"/> non-overlapping times, best first.</summary>
    public static SuggestionResult Suggest(MeetingRequest request)
    {
        request.Validate();
        var search = CandidateSearch.Start(request);
        var freeSlots = search.WindowFits
            ? FreeSlotFinder.Find(search.Required.ToList(), request.Duration, search.From, search.To)
            : [];

        var ranked = search.ValidCandidates()
            .Select(c => (c.Start, c.Statuses, Score: Assess(search, c.Start, c.Statuses, reasons: null)))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Start);

        var picked = new List<MeetingSuggestion>();
        foreach (var (start, statuses, _) in ranked)
        {
            var end = start + request.Duration;
            if (picked.Any(p => p.Slot.Start < end && start < p.Slot.End))
            {
                continue;
            }

            picked.Add(Describe(search, start, statuses));
            if (picked.Count == request.MaxCandidates)
            {
                break;
            }
        }

        if (picked.Count > 0)
        {
            return new SuggestionResult(picked, null, null, [], freeSlots);
        }

        var (reason, diagnosis) = Diagnose(search);
        return new SuggestionResult([], reason, diagnosis, Relaxations(request), freeSlots);
    }

    private static MeetingSuggestion Describe(CandidateSearch search, Instant start, SlotAvailability[] statuses)
    {
        var reasons = new List<SuggestionReason>();
        var score = Assess(search, start, statuses, reasons);
        var attendees = search.People
            .Select((p, i) => new AttendeeAvailability(p.Attendee.Id, p.Attendee.Name, statuses[i], p.Attendee.IsOptional))
            .ToList();
        return new MeetingSuggestion(
            new Interval(start, start + search.Request.Duration),
            Confidence(search.People, statuses),
            statuses[0],
            attendees,
            Math.Round(score, 4),
            reasons,
            ReasonText(reasons));
    }

    private static double Confidence(Timeline[] people, SlotAvailability[] statuses)
    {
        double chance = 0, weight = 0;
        for (var i = 0; i < people.Length; i++)
        {
            var w = people[i].Attendee.IsOptional ? OptionalWeight : 1;
            chance += w * CandidateSearch.Likelihood(statuses[i]);
            weight += w;
        }

        return Math.Round(100 * chance / weight, 2);
    }

    /// <summary>Scores a candidate; fills <paramref name="reasons"/> with the itemized parts when asked to.</summary>
    private static double Assess(CandidateSearch search, Instant start, SlotAvailability[] statuses, List<SuggestionReason>? reasons)
    {
        var people = search.People;
        var n = (double)people.Length;
        var end = start + search.Request.Duration;
        var describe = reasons is not null;
        var score = 0.0;

        void Add(string code, double weight, Func<string> description)
        {
            score += weight;
            reasons?.Add(new SuggestionReason(code, description(), Math.Round(weight, 4)));
        }

        var confidence = Confidence(people, statuses);
        Add(ReasonCodes.Availability, AvailabilityWeight * confidence / 100, () => AvailabilityText(people, statuses, confidence));

        List<string> outside = [], backToBack = [], preferred = [], edge = [], fragmented = [];
        int outsideCount = 0, backToBackCount = 0, withPreference = 0, preferredCount = 0, edgeCount = 0, fragmentedCount = 0;
        for (var i = 0; i < people.Length; i++)
        {
            var person = people[i];
            var name = person.Attendee.Name;
            if (Spans.Containing(person.Working, start, end) is null)
            {
                outsideCount++;
                Note(outside, name);
            }

            var preference = person.Attendee.Preferences.PreferredTimeOfDay;
            if (preference != TimeOfDayPreference.None)
            {
                withPreference++;
                if (Matches(preference, start.InZone(person.Zone), end.InZone(person.Zone)))
                {
                    preferredCount++;
                    Note(preferred, name);
                }
            }

            var day = Spans.Containing(person.Days, start, end);
            if (day is { } d && (start < d.Start + EdgeOfDay || end > d.End - EdgeOfDay))
            {
                edgeCount++;
                Note(edge, name);
            }

            // Only people who are actually free there can be squeezed or have their free time cut up.
            if (statuses[i] is not (SlotAvailability.Free or SlotAvailability.WorkingElsewhere))
            {
                continue;
            }

            if (Spans.Overlaps(person.Occupied, start - BreathingRoom, end + BreathingRoom))
            {
                backToBackCount++;
                Note(backToBack, name);
            }

            if (day is { } frame && Fragments(person.Occupied, frame, start, end))
            {
                fragmentedCount++;
                Note(fragmented, name);
            }
        }

        if (outsideCount == 0)
        {
            Add(ReasonCodes.InWorkingHoursForAll, InWorkingHoursBonus, () => "Inside everyone's working hours");
        }
        else
        {
            Add(ReasonCodes.OutsideWorkingHours, -OutsideWorkingHoursPenalty * outsideCount / n, () => $"Outside working hours for {Names(outside)}");
        }

        if (backToBackCount == 0)
        {
            Add(ReasonCodes.NoBackToBack, NoBackToBackBonus, () => $"Nobody is back-to-back: everyone has {BreathingRoom.TotalMinutes:0} minutes before and after");
        }
        else
        {
            Add(ReasonCodes.BackToBack, -BackToBackPenalty * backToBackCount / n, () => $"Back-to-back with another event for {Names(backToBack)}");
        }

        if (preferredCount > 0)
        {
            Add(ReasonCodes.PreferredTimeOfDay, PreferredTimeBonus * preferredCount / withPreference, () => $"At the preferred time of day of {Names(preferred)}");
        }

        if (edgeCount > 0)
        {
            Add(ReasonCodes.EdgeOfDay, -EdgeOfDayPenalty * edgeCount / n, () => $"In the first or last hour of the day for {Names(edge)}");
        }

        if (fragmentedCount > 0)
        {
            Add(ReasonCodes.FocusTimeFragmentation, -FragmentationPenalty * fragmentedCount / n, () => $"Cuts a long free stretch into short pieces for {Names(fragmented)}");
        }

        var span = (search.To - search.From).TotalTicks;
        var earlier = span <= 0 ? 0 : 1 - ((start - search.From).TotalTicks / span);
        Add(ReasonCodes.Earlier, EarlierBonus * earlier, () => "Sooner rather than later");
        return score;

        void Note(List<string> names, string name)
        {
            if (describe)
            {
                names.Add(name);
            }
        }
    }

    private static bool Matches(TimeOfDayPreference preference, ZonedDateTime start, ZonedDateTime end) => preference switch
    {
        TimeOfDayPreference.Morning => start.Date == end.Date && end.TimeOfDay <= Noon,
        TimeOfDayPreference.Afternoon => start.TimeOfDay >= Noon,
        _ => false,
    };

    /// <summary>Whether the meeting cuts a free stretch of at least two hours so that a piece under an hour is left.</summary>
    private static bool Fragments(Span[] occupied, Span day, Instant start, Instant end)
    {
        var next = Spans.FirstEndingAfter(occupied, start);
        var gapStart = next > 0 ? Spans.Max(occupied[next - 1].End, day.Start) : day.Start;
        var gapEnd = next < occupied.Length ? Spans.Min(occupied[next].Start, day.End) : day.End;
        if (gapEnd - gapStart < FocusBlock)
        {
            return false;
        }

        var before = start - gapStart;
        var after = gapEnd - end;
        return (before > Duration.Zero && before < FocusPiece) || (after > Duration.Zero && after < FocusPiece);
    }

    private static string AvailabilityText(Timeline[] people, SlotAvailability[] statuses, double confidence)
    {
        var notFree = people
            .Select((p, i) => (p.Attendee, Status: statuses[i]))
            .Where(x => x.Status is not (SlotAvailability.Free or SlotAvailability.WorkingElsewhere))
            .Select(x => $"{x.Attendee.Name}{(x.Attendee.IsOptional ? " (optional)" : string.Empty)} is {StatusText(x.Status)}")
            .ToList();
        return notFree.Count == 0
            ? "Everyone is available"
            : $"Confidence {confidence:0.#}%: {string.Join(", ", notFree)}";
    }

    private static string StatusText(SlotAvailability status) => status switch
    {
        SlotAvailability.Tentative => "tentative",
        SlotAvailability.Busy => "busy",
        SlotAvailability.OutOfOffice => "out of office",
        SlotAvailability.Unknown => "of unknown availability",
        SlotAvailability.OutsideHours => "outside their hours",
        SlotAvailability.Buffer => "inside their buffer",
        _ => "free",
    };

    private static string ReasonText(List<SuggestionReason> reasons)
    {
        var good = reasons.Where(r => r.Weight > 0 && r.Code != ReasonCodes.Earlier).Select(r => Lower(r.Description)).ToList();
        var bad = reasons.Where(r => r.Weight < 0).Select(r => Lower(r.Description)).ToList();
        var text = good.Count == 0 ? "Suggested as one of the best times available" : $"Suggested because: {string.Join("; ", good)}";
        return bad.Count == 0 ? text + "." : $"{text}. Drawbacks: {string.Join("; ", bad)}.";
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string Names(List<string> names) => names.Count switch
    {
        1 => names[0],
        2 => $"{names[0]} and {names[1]}",
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
    };

    private static (EmptySuggestionsReason Reason, string Diagnosis) Diagnose(CandidateSearch search)
    {
        var request = search.Request;
        if (!search.WindowFits)
        {
            return request.Window.End <= request.Now
                ? (EmptySuggestionsReason.InThePast, "The search window has already passed.")
                : (EmptySuggestionsReason.WindowTooShort,
                    $"After the minimum notice the window leaves less than the meeting's {Minutes(request.Duration)}.");
        }

        var required = search.Required.ToList();
        if (required.Count == 0)
        {
            return (EmptySuggestionsReason.AttendeesUnavailable, "None of the (optional) attendees is ever available.");
        }

        var hours = request.Scope switch
        {
            SchedulingScope.WorkingHours => "working hours",
            SchedulingScope.Personal => "waking hours",
            _ => "allowed hours",
        };
        Span[] common = [new Span(search.From, search.To)];
        foreach (var person in required)
        {
            common = Spans.Intersect(common, person.Allowed);
        }

        if (!common.Any(s => s.Length >= request.Duration))
        {
            return (EmptySuggestionsReason.OutsideWorkingHours, HoursDiagnosis(required, hours, request.Duration));
        }

        var duration = request.Duration;
        var organizer = search.People[0];
        var inHours = common.Where(s => s.Length >= request.Duration).ToArray();
        var gridInHours = search.Grid().Where(t => Spans.Containing(inHours, t, t + duration) is not null).ToList();
        if (!organizer.Attendee.IsOptional
            && gridInHours.TrueForAll(t => CandidateSearch.Likelihood(CandidateSearch.StatusOf(organizer, t, t + duration)) == 0))
        {
            return (EmptySuggestionsReason.OrganizerUnavailable,
                $"{organizer.Attendee.Name} (the organizer) is never free when everyone is within their {hours}.");
        }

        var busiest = required
            .Select(p => (p.Attendee.Name, Busy: gridInHours.Count(t => CandidateSearch.Likelihood(CandidateSearch.StatusOf(p, t, t + duration)) == 0)))
            .OrderByDescending(x => x.Busy)
            .First();
        return (EmptySuggestionsReason.AttendeesUnavailable,
            $"Everyone shares {hours}, but never enough required attendees are free at once; {busiest.Name} is the busiest.");
    }

    private static string HoursDiagnosis(List<Timeline> required, string hours, Duration duration)
    {
        foreach (var person in required)
        {
            if (!person.Allowed.Any(s => s.Length >= duration))
            {
                return $"{person.Attendee.Name} has no {hours} long enough in the window.";
            }
        }

        for (var i = 0; i < required.Count; i++)
        {
            for (var j = i + 1; j < required.Count; j++)
            {
                if (!Spans.Intersect(required[i].Allowed, required[j].Allowed).Any(s => s.Length >= duration))
                {
                    return $"{required[i].Attendee.Name} ({required[i].Zone.Id}) and {required[j].Attendee.Name} ({required[j].Zone.Id}) have no {hours} in common in the window.";
                }
            }
        }

        return $"The required attendees have no {hours} in common long enough for the meeting.";
    }

    private static List<Relaxation> Relaxations(MeetingRequest request)
    {
        var relaxations = new List<Relaxation>();
        var zone = request.Attendees[0].WorkingHours.Zone;

        void Try(string code, MeetingRequest relaxed, string condition)
        {
            var (count, first) = CountSlots(relaxed);
            if (count > 0)
            {
                var when = first is { } f ? $"; the first {f.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})" : string.Empty;
                relaxations.Add(new Relaxation(code, $"{count} {(count == 1 ? "slot" : "slots")} {condition}{when}", count, first));
            }
        }

        MeetingRequest Replace(Attendee old, Attendee replacement) =>
            request with { Attendees = request.Attendees.Select(a => ReferenceEquals(a, old) ? replacement : a).ToList() };

        var required = request.Attendees.Where(a => !a.IsOptional).ToList();
        foreach (var attendee in required.Where(a => a.Preferences.HasBuffer))
        {
            var unbuffered = attendee.Preferences with { BufferBefore = Duration.Zero, BufferAfter = Duration.Zero };
            Try(RelaxationCodes.DropBuffer, Replace(attendee, attendee with { Preferences = unbuffered }), $"if {attendee.Name}'s buffer is dropped");
        }

        if (request.Scope == SchedulingScope.WorkingHours)
        {
            Try(RelaxationCodes.UsePersonalHours, request with { Scope = SchedulingScope.Personal }, "if everyone's waking hours count, not only working hours");
        }
        else if (request.Scope == SchedulingScope.Personal)
        {
            Try(RelaxationCodes.UseAnyHours, request with { Scope = SchedulingScope.Unrestricted }, "if any hour of the day counts");
        }

        if (request.Attendees.Count > 1)
        {
            foreach (var attendee in required)
            {
                var role = ReferenceEquals(attendee, request.Attendees[0]) ? " (the organizer)" : string.Empty;
                Try(RelaxationCodes.MakeOptional, Replace(attendee, attendee with { IsOptional = true }), $"if {attendee.Name}{role} is optional");
            }
        }

        for (var k = required.Count - 1; k >= 1; k--)
        {
            var percentage = Math.Floor(100.0 * k / required.Count);
            if (percentage >= request.MinimumAttendeePercentage)
            {
                continue;
            }

            var before = relaxations.Count;
            Try(RelaxationCodes.LowerAttendeePercentage, request with { MinimumAttendeePercentage = percentage }, $"if {percentage:0}% of required attendees is enough");
            if (relaxations.Count > before)
            {
                break;
            }
        }

        var window = request.Window;
        Try(RelaxationCodes.ExtendWindow, request with { Window = new Interval(window.Start, window.End + Duration.FromDays(7)) }, "if the window is extended by a week");

        if (request.MinimumNotice > Duration.Zero)
        {
            Try(RelaxationCodes.DropMinimumNotice, request with { MinimumNotice = Duration.Zero }, "without the minimum notice");
        }

        if (request.ExcludedDays.Count > 0)
        {
            Try(RelaxationCodes.AllowExcludedDays, request with { ExcludedDays = new HashSet<IsoDayOfWeek>() }, "if the excluded days are allowed");
        }

        if (request.EarliestLocal is not null || request.LatestLocal is not null)
        {
            Try(RelaxationCodes.DropTimeLimits, request with { EarliestLocal = null, LatestLocal = null }, "without the earliest and latest times");
        }

        if (request.Attendees.Any(a => a.Busy.Any(b => b.IsFlexible && b.Blocks)))
        {
            var rigid = request with
            {
                Attendees = request.Attendees.Select(a => a with { Busy = a.Busy.Where(b => !b.IsFlexible).ToList() }).ToList(),
            };
            Try(RelaxationCodes.IgnoreFlexibleEvents, rigid, "if flexible events (focus time and the like) make way");
        }

        return relaxations;
    }

    /// <summary>How many non-overlapping meetings fit, taking the earliest valid start each time, and the first.</summary>
    private static (int Count, Instant? First) CountSlots(MeetingRequest request)
    {
        var count = 0;
        Instant? first = null;
        var free = Instant.MinValue;
        foreach (var (start, _) in CandidateSearch.Start(request).ValidCandidates())
        {
            if (start < free)
            {
                continue;
            }

            first ??= start;
            count++;
            free = start + request.Duration;
        }

        return (count, first);
    }

    private static string Minutes(Duration duration) => $"{duration.TotalMinutes:0} minutes";
}
