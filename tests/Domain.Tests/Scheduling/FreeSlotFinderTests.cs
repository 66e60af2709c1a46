using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Scheduling;
using NodaTime;
using static CleanAssistant.Domain.Tests.Scheduling.SchedulingBuilders;

namespace CleanAssistant.Domain.Tests.Scheduling;

public class FreeSlotFinderTests
{
    [Fact]
    public void Find_ForAnEmptyCalendar_ReturnsTheWorkingDay()
    {
        FreeSlotFinder.Find(Meeting(Person("Ann"))).ShouldBe(Slots((June(2, 9), June(2, 17))));
    }

    [Fact]
    public void Find_MergesOverlappingBusyBlocksAndDropsGapsShorterThanTheMeeting()
    {
        var ann = Person("Ann",
            Block(June(2, 10), June(2, 11)),
            Block(June(2, 10, 30), June(2, 12)),
            Block(June(2, 11, 30), June(2, 12, 30)),
            Block(June(2, 13), June(2, 16, 30)));

        FreeSlotFinder.Find(Meeting(ann)).ShouldBe(Slots((June(2, 9), June(2, 10))));
    }

    [Fact]
    public void Find_KeepsEachPersonsBuffersAroundTheirEvents()
    {
        var ann = Person("Ann", Block(June(2, 12), June(2, 13))).Buffered(beforeMinutes: 15, afterMinutes: 30);
        var bob = Person("Bob", Block(June(2, 15), June(2, 16)));

        FreeSlotFinder.Find(Meeting(ann, bob))
            .ShouldBe(Slots((June(2, 9), June(2, 11, 45)), (June(2, 13, 30), June(2, 15)), (June(2, 16), June(2, 17))));
    }

    [Fact]
    public void Find_StartsNoEarlierThanNowPlusTheMinimumNotice()
    {
        var request = Meeting(Person("Ann")) with { Now = June(2, 10, 20), MinimumNotice = Hours(1) };

        FreeSlotFinder.Find(request).ShouldBe(Slots((June(2, 11, 20), June(2, 17))));
    }

    [Fact]
    public void Find_SkipsExcludedDays()
    {
        var request = Meeting(Person("Ann")) with
        {
            Window = Between(June(2, 0), June(5, 0)),
            ExcludedDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Tuesday },
        };

        FreeSlotFinder.Find(request).ShouldBe(Slots((June(2, 9), June(2, 17)), (June(4, 9), June(4, 17))));
    }

    [Fact]
    public void Find_AppliesEarliestAndLatestInEachAttendeesZone()
    {
        // Berlin is UTC+2 in June: 10:00–15:00 local is 08:00–13:00 UTC; London (UTC+1) 10:00–15:00 is 09:00–14:00 UTC.
        var request = Meeting(Person("Ann", Zone("Europe/Berlin")), Person("Bob", Zone("Europe/London"))) with
        {
            EarliestLocal = new LocalTime(10, 0),
            LatestLocal = new LocalTime(15, 0),
        };

        FreeSlotFinder.Find(request).ShouldBe(Slots((June(2, 9), June(2, 13))));
    }

    [Fact]
    public void Find_ClipsToTheWindow()
    {
        var request = Meeting(Person("Ann")) with { Window = Between(June(2, 10, 30), June(2, 14)) };

        FreeSlotFinder.Find(request).ShouldBe(Slots((June(2, 10, 30), June(2, 14))));
    }

    [Fact]
    public void Find_IntersectsWorkingHoursOfTwoZones()
    {
        // Berlin 09–17 (UTC+2) is 07–15 UTC; New York 09–17 (UTC-4) is 13–21 UTC.
        var request = Meeting(Person("Ann", Zone("Europe/Berlin")), Person("Bob", Zone("America/New_York")));

        FreeSlotFinder.Find(request).ShouldBe(Slots((June(2, 13), June(2, 15))));
    }

    [Fact]
    public void Find_FollowsADaylightSavingChangeInOneOfTwoZones()
    {
        // New York springs forward on Sunday 9 March 2025; Berlin not until 30 March. Waking hours 08–21 local:
        // Berlin (UTC+1) 07–20 UTC both days; New York 13–02 UTC on Saturday (UTC-5) but 12–01 UTC on Sunday (UTC-4).
        var request = new MeetingRequest(
            [Person("Ann", Zone("Europe/Berlin")), Person("Bob", Zone("America/New_York"))],
            Hours(1),
            Between(Instant.FromUtc(2025, 3, 8, 0, 0), Instant.FromUtc(2025, 3, 10, 0, 0)),
            Instant.FromUtc(2025, 3, 1, 0, 0))
        { Scope = SchedulingScope.Personal };

        FreeSlotFinder.Find(request).ShouldBe(Slots(
            (Instant.FromUtc(2025, 3, 8, 13, 0), Instant.FromUtc(2025, 3, 8, 20, 0)),
            (Instant.FromUtc(2025, 3, 9, 12, 0), Instant.FromUtc(2025, 3, 9, 20, 0))));
    }

    [Fact]
    public void Find_OnTheDayClocksSpringForward_TheLocalDayLasts23Hours()
    {
        var weekdays = new HashSet<IsoDayOfWeek>(Enum.GetValues<IsoDayOfWeek>().Where(d => d is not (IsoDayOfWeek.Sunday or IsoDayOfWeek.None)));
        var request = new MeetingRequest(
            [Person("Ann", Zone("Europe/Berlin"))],
            Hours(1),
            Between(Instant.FromUtc(2025, 3, 28, 0, 0), Instant.FromUtc(2025, 4, 2, 0, 0)),
            Instant.FromUtc(2025, 3, 1, 0, 0))
        { Scope = SchedulingScope.Unrestricted, ExcludedDays = weekdays };

        var sunday = FreeSlotFinder.Find(request).ShouldHaveSingleItem();

        sunday.Start.ShouldBe(Instant.FromUtc(2025, 3, 29, 23, 0));
        sunday.Duration.ShouldBe(Duration.FromHours(23));
    }

    [Fact]
    public void Find_TreatsTentativeAsTakenButIgnoresFreeBlocksAndOptionalAttendees()
    {
        var ann = Person("Ann", Block(June(2, 9), June(2, 12), Availability.Tentative), Block(June(2, 12), June(2, 17), Availability.Free));
        var dave = Person("Dave", Block(June(2, 9), June(2, 17))).Optional();

        FreeSlotFinder.Find(Meeting(ann, dave)).ShouldBe(Slots((June(2, 12), June(2, 17))));
    }

    [Fact]
    public void Find_AllDayBusyBlocksTheDayButAllDayFreeDoesNot()
    {
        var ann = Person("Ann", AllDay(2, Availability.Free), AllDay(3, Availability.Busy)).Buffered(60, 60);
        var request = Meeting(ann) with { Window = Between(June(2, 0), June(5, 0)) };

        // The all-day event gets no buffer: Monday and Wednesday stay whole.
        FreeSlotFinder.Find(request).ShouldBe(Slots((June(2, 9), June(2, 17)), (June(4, 9), June(4, 17))));
    }

    [Fact]
    public void Find_WithAnInvalidRequest_IsRefused()
    {
        var request = Meeting(Person("Ann")) with { Duration = Duration.Zero };

        Should.Throw<DomainException>(() => FreeSlotFinder.Find(request)).Code.ShouldBe("INVALID_MEETING_REQUEST");
    }
}
