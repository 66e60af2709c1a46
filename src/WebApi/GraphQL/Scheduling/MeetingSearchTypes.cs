using CleanAssistant.Application.Scheduling;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.WebApi.GraphQL.Common;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL.Scheduling;

public sealed record MeetingSearchInput
{
    public required IReadOnlyList<string> Attendees { get; init; }

    public IReadOnlyList<string>? OptionalAttendees { get; init; }

    public required int DurationMinutes { get; init; }

    public required Instant From { get; init; }

    public required Instant To { get; init; }

    public int? MinimumNoticeMinutes { get; init; }

    public SchedulingScope? Scope { get; init; }

    public IReadOnlyList<IsoDayOfWeek>? ExcludedDays { get; init; }

    public LocalTime? EarliestTime { get; init; }

    public LocalTime? LatestTime { get; init; }

    public double? MinimumAttendeePercentage { get; init; }

    public int? MaxCandidates { get; init; }

    public MeetingSearch ToSearch() => new(
        Attendees,
        Duration.FromMinutes(DurationMinutes),
        From,
        To,
        OptionalAttendees,
        MinimumNoticeMinutes is { } notice ? Duration.FromMinutes(notice) : null,
        Scope ?? SchedulingScope.WorkingHours,
        ExcludedDays?.ToHashSet(),
        EarliestTime,
        LatestTime,
        MinimumAttendeePercentage ?? 100,
        MaxCandidates ?? 5);
}

public sealed class MeetingSearchInputType : InputObjectGraphType<MeetingSearchInput>
{
    public MeetingSearchInputType()
    {
        Name = "MeetingSearchInput";
        Description = "A meeting to find time for. You organize it; the others are users of this system, by e-mail address.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("attendees").Description("E-mail addresses of the people who must attend (besides you). May be empty.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("optionalAttendees").Description("E-mail addresses of people who are welcome but not needed.");
        Field(i => i.DurationMinutes).Description("Length of the meeting, 1 to 720 minutes.");
        Field(i => i.From).Description("Start of the search window.");
        Field(i => i.To).Description("End of the search window, at most 62 days after `from`.");
        Field(i => i.MinimumNoticeMinutes, nullable: true).Description("Not sooner than this many minutes from now. Default 0.");
        Field<SchedulingScopeType>("scope").Description("Which hours may be used. Default WORKING_HOURS.");
        Field<ListGraphType<NonNullGraphType<DayOfWeekType>>>("excludedDays").Description("Days of the week not to meet on, in each person's zone.");
        Field<LocalTimeGraphType>("earliestTime").Description("Not before this local time, in each person's zone.");
        Field<LocalTimeGraphType>("latestTime").Description("Not after this local time, in each person's zone.");
        Field(i => i.MinimumAttendeePercentage, nullable: true).Description("Share of required attendees a time needs, 0 to 100. Default 100.");
        Field(i => i.MaxCandidates, nullable: true).Description("How many suggestions at most, 1 to 50. Default 5.");
    }
}

public sealed class TimeSlotType : ObjectGraphType<Interval>
{
    public TimeSlotType()
    {
        Name = "TimeSlot";
        Description = "A span of time, [start, end).";
        Field<NonNullGraphType<InstantGraphType>>("start").Description("Start (inclusive).").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<InstantGraphType>>("end").Description("End (exclusive).").Resolve(c => c.Source.End);
    }
}

public sealed class MeetingSuggestionsType : ObjectGraphType<SuggestionResult>
{
    public MeetingSuggestionsType()
    {
        Name = "MeetingSuggestions";
        Description = "Ranked meeting times; when none fits, why and what would help (like Microsoft Graph's findMeetingTimes, and beyond).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MeetingSuggestionType>>>>("suggestions").Description("Best first.").Resolve(c => c.Source.Suggestions);
        Field<EmptySuggestionsReasonType>("emptySuggestionsReason").Description("Why there are no suggestions; null when there are.").Resolve(c => c.Source.EmptySuggestionsReason);
        Field<StringGraphType>("diagnosis").Description("The blocking constraint in words, e.g. who has no working hours in common.").Resolve(c => c.Source.Diagnosis);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelaxationType>>>>("relaxations")
            .Description("When nothing fits: what relaxing one constraint would give, e.g. \"3 slots if Carol's buffer is dropped\".").Resolve(c => c.Source.Relaxations);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimeSlotType>>>>("freeSlots").Description("Every span where all required attendees are free.").Resolve(c => c.Source.FreeSlots);
    }
}

public sealed class MeetingSuggestionType : ObjectGraphType<MeetingSuggestion>
{
    public MeetingSuggestionType()
    {
        Name = "MeetingSuggestion";
        Description = "One proposed time, with who can come and why it ranks where it does.";
        Field<NonNullGraphType<InstantGraphType>>("start").Description("Start of the meeting.").Resolve(c => c.Source.Slot.Start);
        Field<NonNullGraphType<InstantGraphType>>("end").Description("End of the meeting.").Resolve(c => c.Source.Slot.End);
        Field(s => s.Confidence).Description("Likelihood everyone can come, 0 to 100 (tentative and unknown count half).");
        Field(s => s.Score).Description("Ranking score: the sum of the reasons' weights.");
        Field<NonNullGraphType<SlotAvailabilityType>>("organizerAvailability").Description("Your own availability then.").Resolve(c => c.Source.OrganizerAvailability);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttendeeAvailabilityType>>>>("attendees").Description("Each attendee's availability then.").Resolve(c => c.Source.Attendees);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SuggestionReasonType>>>>("reasons").Description("Why it ranks here, item by item.").Resolve(c => c.Source.Reasons);
        Field(s => s.ReasonText).Description("The reasons in one sentence, to show people.");
    }
}

public sealed class AttendeeAvailabilityType : ObjectGraphType<AttendeeAvailability>
{
    public AttendeeAvailabilityType()
    {
        Name = "AttendeeAvailability";
        Description = "One attendee at one proposed time.";
        Field<NonNullGraphType<StringGraphType>>("email").Description("The attendee's e-mail address.").Resolve(c => c.Source.AttendeeId);
        Field(a => a.Name).Description("Display name.");
        Field<NonNullGraphType<SlotAvailabilityType>>("availability").Description("Free, busy, outside their hours, ...").Resolve(c => c.Source.Availability);
        Field(a => a.IsOptional).Description("True for optional attendees.");
    }
}

public sealed class SuggestionReasonType : ObjectGraphType<SuggestionReason>
{
    public SuggestionReasonType()
    {
        Name = "SuggestionReason";
        Description = "One item of a suggestion's score.";
        Field(r => r.Code).Description("InWorkingHoursForAll, NoBackToBack, BackToBack, PreferredTimeOfDay, EdgeOfDay, FocusTimeFragmentation, Availability, Earlier, OutsideWorkingHours.");
        Field(r => r.Description).Description("In words.");
        Field(r => r.Weight).Description("Contribution to the score; negative for drawbacks.");
    }
}

public sealed class RelaxationType : ObjectGraphType<Relaxation>
{
    public RelaxationType()
    {
        Name = "Relaxation";
        Description = "What relaxing one constraint would give when nothing fits.";
        Field(r => r.Code).Description("DropBuffer, UsePersonalHours, UseAnyHours, MakeOptional, LowerAttendeePercentage, ExtendWindow, DropMinimumNotice, AllowExcludedDays, DropTimeLimits, IgnoreFlexibleEvents.");
        Field(r => r.Description).Description("In words, with the first slot.");
        Field(r => r.SlotsFound).Description("How many non-overlapping slots it would give.");
        Field<InstantGraphType>("firstSlot").Description("The first of them.").Resolve(c => c.Source.FirstSlot);
    }
}

public sealed class SchedulingScopeType : EnumerationGraphType<SchedulingScope>
{
    public SchedulingScopeType()
    {
        Name = "SchedulingScope";
        Description = "Which hours of each attendee a meeting may use (Graph's activityDomain).";
        Values["WORKING_HOURS"]!.Description = "Each attendee's working hours.";
        Values["PERSONAL"]!.Description = "Each attendee's waking hours, every day.";
        Values["UNRESTRICTED"]!.Description = "Any time.";
    }
}

public sealed class SlotAvailabilityType : EnumerationGraphType<SlotAvailability>
{
    public SlotAvailabilityType()
    {
        Name = "SlotAvailability";
        Description = "A person's availability at a proposed time.";
        foreach (var value in Values)
        {
            value.Description = value.Name switch
            {
                "OUTSIDE_HOURS" => "Outside the hours the search may use for them.",
                "BUFFER" => "Inside a buffer they keep around their meetings.",
                "UNKNOWN" => "Their calendar could not be read.",
                _ => $"Their calendar shows {value.Name.ToLowerInvariant().Replace('_', ' ')}.",
            };
        }
    }
}

public sealed class EmptySuggestionsReasonType : EnumerationGraphType<EmptySuggestionsReason>
{
    public EmptySuggestionsReasonType()
    {
        Name = "EmptySuggestionsReason";
        Description = "Why no time was suggested.";
        foreach (var value in Values)
        {
            value.Description = value.Name switch
            {
                "ATTENDEES_UNAVAILABLE" => "Required attendees are busy at every possible time.",
                "ORGANIZER_UNAVAILABLE" => "You are busy at every possible time.",
                "OUTSIDE_WORKING_HOURS" => "The attendees' hours have nothing in common in the window.",
                "WINDOW_TOO_SHORT" => "The window is shorter than the meeting.",
                "IN_THE_PAST" => "The window is over, or ends before the minimum notice.",
                _ => "Some other reason.",
            };
        }
    }
}

public sealed class DayOfWeekType : EnumerationGraphType
{
    public DayOfWeekType()
    {
        Name = "DayOfWeek";
        Description = "A day of the week.";
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            Add(day.ToString().ToUpperInvariant(), day, $"{day}.");
        }
    }
}
