using CleanAssistant.Domain.Scheduling;
using NodaTime;
using static CleanAssistant.Domain.Tests.Scheduling.SchedulingBuilders;

namespace CleanAssistant.Domain.Tests.Scheduling;

public class MeetingSuggesterTests
{
    private static List<Instant> Starts(SuggestionResult result) => result.Suggestions.Select(s => s.Slot.Start).ToList();

    private static MeetingSuggestion At(SuggestionResult result, Instant start) => result.Suggestions.Single(s => s.Slot.Start == start);

    private static IEnumerable<string> Codes(MeetingSuggestion suggestion) => suggestion.Reasons.Select(r => r.Code);

    [Fact]
    public void Suggest_WhenEveryoneIsFree_SaysSoWithFullConfidence()
    {
        var result = MeetingSuggester.Suggest(Meeting(Person("Ann"), Person("Bob")));

        result.EmptySuggestionsReason.ShouldBeNull();
        var best = result.Suggestions[0];
        best.Confidence.ShouldBe(100);
        best.OrganizerAvailability.ShouldBe(SlotAvailability.Free);
        best.Attendees.Select(a => a.Availability).ShouldAllBe(a => a == SlotAvailability.Free);
        Codes(best).ShouldContain(ReasonCodes.InWorkingHoursForAll);
        best.ReasonText.ShouldStartWith("Suggested because: everyone is available");
    }

    [Fact]
    public void Suggest_ReturnsAtMostMaxCandidatesThatDoNotOverlap()
    {
        var request = Meeting(Person("Ann")) with { SlotStep = Minutes(15), MaxCandidates = 4 };

        var slots = MeetingSuggester.Suggest(request).Suggestions.Select(s => s.Slot).OrderBy(s => s.Start).ToList();

        slots.Count.ShouldBe(4);
        slots.Zip(slots.Skip(1)).ShouldAllBe(pair => pair.First.End <= pair.Second.Start);
    }

    [Fact]
    public void Suggest_RanksBackToBackTimesBelowTimesWithRoomAround()
    {
        var ann = Person("Ann", Block(June(2, 11), June(2, 12)), Block(June(2, 13), June(2, 14)));

        var result = MeetingSuggester.Suggest(Meeting(ann));

        // 15:00 has an hour either side; 09:00 and 16:00 touch the day's edges; 10, 12 and 14 touch Ann's meetings.
        Starts(result).ShouldBe([June(2, 15), June(2, 9), June(2, 16), June(2, 10), June(2, 12), June(2, 14)]);
        Codes(At(result, June(2, 15))).ShouldContain(ReasonCodes.NoBackToBack);
        At(result, June(2, 14)).Reasons.ShouldContain(r => r.Code == ReasonCodes.BackToBack && r.Weight < 0 && r.Description.Contains("Ann"));
    }

    [Theory]
    [InlineData(TimeOfDayPreference.None, 10)]
    [InlineData(TimeOfDayPreference.Morning, 10)]
    [InlineData(TimeOfDayPreference.Afternoon, 12)]
    public void Suggest_PrefersEachAttendeesPreferredTimeOfDay(TimeOfDayPreference preference, int expectedHour)
    {
        var result = MeetingSuggester.Suggest(Meeting(Person("Ann"), Person("Bob").Prefers(preference)));

        var best = result.Suggestions[0];
        best.Slot.Start.ShouldBe(June(2, expectedHour));
        if (preference != TimeOfDayPreference.None)
        {
            best.Reasons.ShouldContain(r => r.Code == ReasonCodes.PreferredTimeOfDay && r.Description.Contains("Bob"));
        }
    }

    [Fact]
    public void Suggest_PutsFewestPeopleAtTheEdgeOfTheirDay()
    {
        // Ann works 09–17, Bob 10–18: at 10:00 Bob has just started, at 11:00 nobody is at an edge.
        var request = Meeting(Person("Ann"), Person("Bob").WithHours(10, 18)) with { Window = Between(June(2, 10), June(2, 12)) };

        var result = MeetingSuggester.Suggest(request);

        Starts(result).ShouldBe([June(2, 11), June(2, 10)]);
        var edge = At(result, June(2, 10)).Reasons.Single(r => r.Code == ReasonCodes.EdgeOfDay);
        edge.Description.ShouldContain("Bob");
        edge.Description.ShouldNotContain("Ann");
    }

    [Fact]
    public void Suggest_AvoidsCuttingALongFreeStretchIntoShortPieces()
    {
        // Ann is free 10:00–13:00. At 10:30 the hour would leave 30 minutes before it; at 11:00 an hour either side.
        var ann = Person("Ann", Block(June(2, 9), June(2, 10)), Block(June(2, 13), June(2, 17)));
        var request = Meeting(ann) with { SlotStep = Minutes(30), Window = Between(June(2, 10, 30), June(2, 12)), MaxCandidates = 1 };

        MeetingSuggester.Suggest(request).Suggestions.ShouldHaveSingleItem().Slot.Start.ShouldBe(June(2, 11));

        var only1030 = MeetingSuggester.Suggest(request with { Window = Between(June(2, 10, 30), June(2, 11, 30)) });
        Codes(only1030.Suggestions.ShouldHaveSingleItem()).ShouldContain(ReasonCodes.FocusTimeFragmentation);
    }

    [Fact]
    public void Suggest_WhenAnOptionalAttendeeIsBusy_StillSuggestsWithLowerConfidenceAndRanksTheirFreeTimesFirst()
    {
        var dave = Person("Dave", Block(June(2, 9), June(2, 12))).Optional();

        var result = MeetingSuggester.Suggest(Meeting(Person("Ann"), dave));

        result.Suggestions[0].Confidence.ShouldBe(100);
        result.Suggestions[0].Slot.Start.ShouldBeGreaterThanOrEqualTo(June(2, 12));
        var withoutDave = At(result, June(2, 10));
        withoutDave.Confidence.ShouldBe(66.67);
        withoutDave.Attendees.Single(a => a.Name == "Dave").Availability.ShouldBe(SlotAvailability.Busy);
        withoutDave.ReasonText.ShouldContain("Dave (optional) is busy");
    }

    [Fact]
    public void Suggest_CountsATentativeRequiredAttendeeAtHalfAndRanksFreeTimesFirst()
    {
        var bob = Person("Bob", Block(June(2, 9), June(2, 15), Availability.Tentative));

        var result = MeetingSuggester.Suggest(Meeting(Person("Ann"), bob));

        result.Suggestions[0].Confidence.ShouldBe(100);
        var tentative = At(result, June(2, 10));
        tentative.Confidence.ShouldBe(75);
        tentative.Attendees[1].Availability.ShouldBe(SlotAvailability.Tentative);
    }

    [Fact]
    public void Suggest_AppliesTheMinimumAttendeePercentageToRequiredAttendees()
    {
        var carol = Person("Carol", Block(June(2, 0), June(3, 0)));
        var request = Meeting(Person("Ann"), Person("Bob"), carol);

        MeetingSuggester.Suggest(request).Suggestions.ShouldBeEmpty();

        var quorum = MeetingSuggester.Suggest(request with { MinimumAttendeePercentage = 60 });
        quorum.Suggestions.ShouldNotBeEmpty();
        quorum.Suggestions[0].Confidence.ShouldBe(66.67);
        quorum.Suggestions[0].Attendees[2].Availability.ShouldBe(SlotAvailability.Busy);
    }

    [Fact]
    public void Suggest_NeverDropsARequiredOrganizerToReachThePercentage()
    {
        var ann = Person("Ann", Block(June(2, 0), June(3, 0)));
        var request = Meeting(ann, Person("Bob"), Person("Carol")) with { MinimumAttendeePercentage = 50 };

        var result = MeetingSuggester.Suggest(request);

        result.Suggestions.ShouldBeEmpty();
        result.EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.OrganizerUnavailable);
        result.Diagnosis.ShouldNotBeNull().ShouldContain("Ann");
    }

    [Fact]
    public void Suggest_WhenAnAttendeesCalendarIsUnknown_OnlyTheirHoursApplyAndConfidenceDrops()
    {
        var guest = Person("Guest", Zone("America/New_York")) with { IsAvailabilityKnown = false };

        var result = MeetingSuggester.Suggest(Meeting(Person("Ann"), guest));

        result.Suggestions.ShouldAllBe(s => s.Slot.Start >= June(2, 13) && s.Confidence == 75);
        result.Suggestions[0].Attendees[1].Availability.ShouldBe(SlotAvailability.Unknown);
    }

    [Fact]
    public void Suggest_ExposesTheStrictFreeSlotsOfTheSameRequest()
    {
        var request = Meeting(Person("Ann", Block(June(2, 12), June(2, 13))), Person("Bob", Block(June(2, 9), June(2, 10), Availability.Tentative)));

        MeetingSuggester.Suggest(request).FreeSlots.ShouldBe(FreeSlotFinder.Find(request));
    }
}
