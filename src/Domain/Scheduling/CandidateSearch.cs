using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>Walks the start-time grid of a request and says, per candidate, how available each attendee is.</summary>
internal sealed class CandidateSearch
{
    private readonly int _maxMissingRequired;
    private readonly int _requiredCount;
    private readonly bool _organizerRequired;

    private CandidateSearch(MeetingRequest request, Instant from, Instant to, Timeline[] people)
    {
        Request = request;
        From = from;
        To = to;
        People = people;
        _requiredCount = people.Count(p => !p.Attendee.IsOptional);
        // The epsilon keeps 2 of 3 at 66.67% from failing on rounding.
        _maxMissingRequired = (int)Math.Floor((_requiredCount * (100 - request.MinimumAttendeePercentage) / 100) + 1e-9);
        _organizerRequired = !people[0].Attendee.IsOptional;
    }

    public MeetingRequest Request { get; }

    public Instant From { get; }

    public Instant To { get; }

    public Timeline[] People { get; }

    public IEnumerable<Timeline> Required => People.Where(p => !p.Attendee.IsOptional);

    public bool WindowFits => From + Request.Duration <= To;

    public static CandidateSearch Start(MeetingRequest request)
    {
        var from = request.EarliestStart;
        var to = request.Window.End;
        var people = from + request.Duration <= to
            ? request.Attendees.Select(a => Timeline.Build(a, request, from, to)).ToArray()
            : request.Attendees.Select(a => Timeline.Build(a, request, to, to)).ToArray();
        return new CandidateSearch(request, from, to, people);
    }

    /// <summary>Grid starts, ascending, where the request's attendance rules hold.</summary>
    public IEnumerable<(Instant Start, SlotAvailability[] Statuses)> ValidCandidates()
    {
        var statuses = new SlotAvailability[People.Length];
        foreach (var start in Grid())
        {
            if (TryEvaluate(start, statuses))
            {
                yield return (start, (SlotAvailability[])statuses.Clone());
            }
        }
    }

    public IEnumerable<Instant> Grid()
    {
        if (!WindowFits)
        {
            yield break;
        }

        // The grid follows the organizer's wall clock, so in +05:30 or +05:45 zones hourly steps fall on the local hour.
        var step = Request.SlotStep.BclCompatibleTicks;
        var ticks = From.ToUnixTimeTicks();
        var local = ticks + Request.Attendees[0].WorkingHours.Zone.GetUtcOffset(From).Ticks;
        var remainder = ((local % step) + step) % step;
        var start = Instant.FromUnixTimeTicks(remainder == 0 ? ticks : ticks + step - remainder);
        for (; start + Request.Duration <= To; start += Request.SlotStep)
        {
            yield return start;
        }
    }

    public static SlotAvailability StatusOf(Timeline person, Instant start, Instant end)
    {
        if (Spans.Containing(person.Allowed, start, end) is null)
        {
            return SlotAvailability.OutsideHours;
        }

        if (!person.Attendee.IsAvailabilityKnown)
        {
            return SlotAvailability.Unknown;
        }

        if (Spans.Overlaps(person.Away, start, end))
        {
            return SlotAvailability.OutOfOffice;
        }

        if (Spans.Overlaps(person.Busy, start, end))
        {
            return SlotAvailability.Busy;
        }

        if (Spans.Overlaps(person.Tentative, start, end))
        {
            return SlotAvailability.Tentative;
        }

        if (Spans.Overlaps(person.Blocked, start, end))
        {
            return SlotAvailability.Buffer;
        }

        return Spans.Overlaps(person.Elsewhere, start, end) ? SlotAvailability.WorkingElsewhere : SlotAvailability.Free;
    }

    /// <summary>Chance the person comes: 1 when free, ½ when tentative or unknown, else 0.</summary>
    public static double Likelihood(SlotAvailability status) => status switch
    {
        SlotAvailability.Free or SlotAvailability.WorkingElsewhere => 1,
        SlotAvailability.Tentative or SlotAvailability.Unknown => 0.5,
        _ => 0,
    };

    private bool TryEvaluate(Instant start, SlotAvailability[] statuses)
    {
        var end = start + Request.Duration;
        var missing = 0;
        var anyone = false;
        for (var i = 0; i < People.Length; i++)
        {
            var person = People[i];
            var status = StatusOf(person, start, end);
            statuses[i] = status;
            var available = Likelihood(status) > 0;
            anyone |= available;
            if (available || person.Attendee.IsOptional)
            {
                continue;
            }

            if ((i == 0 && _organizerRequired) || ++missing > _maxMissingRequired)
            {
                return false;
            }
        }

        // With nobody required, a time still needs somebody.
        return _requiredCount > 0 || anyone;
    }
}
