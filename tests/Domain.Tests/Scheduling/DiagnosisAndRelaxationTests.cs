using CleanAssistant.Domain.Scheduling;
using NodaTime;
using static CleanAssistant.Domain.Tests.Scheduling.SchedulingBuilders;

namespace CleanAssistant.Domain.Tests.Scheduling;

public class DiagnosisAndRelaxationTests
{
    private static readonly Interval MondayToWednesday = Between(June(2, 0), June(5, 0));

    /// <summary>Busy all working day except 12:00–13:00, Monday to Wednesday.</summary>
    private static BusyBlock[] FreeOnlyAtNoon() =>
        [.. Enumerable.Range(2, 3).SelectMany(d => new[] { Block(June(d, 9), June(d, 12)), Block(June(d, 13), June(d, 17)) })];

    [Fact]
    public void Suggest_WhenOnlyCarolsBufferIsInTheWay_SaysHowManySlotsDroppingItWouldGive()
    {
        var ann = Person("Ann", FreeOnlyAtNoon());
        var bob = Person("Bob", FreeOnlyAtNoon());
        var carolsMeetings = Enumerable.Range(2, 3).SelectMany(d => new[] { Block(June(d, 11, 30), June(d, 12)), Block(June(d, 13), June(d, 13, 30)) });
        var carol = Person("Carol", [.. carolsMeetings]).Buffered(30, 30);
        var request = Meeting(ann, bob, carol) with { Window = MondayToWednesday };

        var result = MeetingSuggester.Suggest(request);

        result.Suggestions.ShouldBeEmpty();
        result.EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.AttendeesUnavailable);
        var relaxation = result.Relaxations.Single(r => r.Code == RelaxationCodes.DropBuffer);
        relaxation.SlotsFound.ShouldBe(3);
        relaxation.FirstSlot.ShouldBe(June(2, 12));
        relaxation.Description.ShouldStartWith("3 slots if Carol's buffer is dropped");
    }

    [Fact]
    public void Suggest_WhenTheWindowIsFull_OffersTheNextWeekWithItsFirstSlot()
    {
        var bob = Person("Bob", Block(June(2, 0), June(7, 0)));
        var request = Meeting(Person("Ann"), bob) with { Window = Between(June(2, 0), June(7, 0)) };

        var result = MeetingSuggester.Suggest(request);

        result.EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.AttendeesUnavailable);
        result.Diagnosis.ShouldNotBeNull().ShouldContain("Bob is the busiest");
        var nextWeek = result.Relaxations.Single(r => r.Code == RelaxationCodes.ExtendWindow);
        nextWeek.FirstSlot.ShouldBe(June(9, 9));
        nextWeek.SlotsFound.ShouldBe(40);
        nextWeek.Description.ShouldContain("Mon 9 Jun 09:00");
    }

    [Fact]
    public void Suggest_WhenKolkataAndLosAngelesShareNoWorkingHours_SaysSoAndFindsWakingHours()
    {
        // Kolkata 09–17 (UTC+5:30) is 03:30–11:30 UTC; Los Angeles 09–17 (UTC-7) is 16:00–00:00 UTC. Waking hours
        // 08–21 overlap twice a day: 02:30–04:00 UTC (Kolkata's early morning, LA's evening before) and 15:00–15:30 UTC
        // (Kolkata's evening, LA's early morning): four half-hour meetings a day.
        var priya = Person("Priya", Zone("Asia/Kolkata"));
        var luis = Person("Luis", Zone("America/Los_Angeles"));
        var request = Meeting(priya, luis) with { Duration = Minutes(30), SlotStep = Minutes(15), Window = Between(June(2, 0), June(7, 0)) };

        var result = MeetingSuggester.Suggest(request);

        result.EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.OutsideWorkingHours);
        result.Diagnosis.ShouldBe("Priya (Asia/Kolkata) and Luis (America/Los_Angeles) have no working hours in common in the window.");
        var personal = result.Relaxations.Single(r => r.Code == RelaxationCodes.UsePersonalHours);
        personal.SlotsFound.ShouldBe(20);
        personal.FirstSlot.ShouldBe(June(2, 2, 30));

        var relaxed = MeetingSuggester.Suggest(request with { Scope = SchedulingScope.Personal });
        relaxed.Suggestions[0].Reasons.ShouldContain(r => r.Code == ReasonCodes.OutsideWorkingHours);
    }

    [Fact]
    public void Suggest_WhenRequiredAttendeesMostlyClash_OffersMakingOneOptionalAndAQuorum()
    {
        var carol = Person("Carol", Block(June(2, 0), June(3, 0)));

        var result = MeetingSuggester.Suggest(Meeting(Person("Ann"), Person("Bob"), carol));

        result.Relaxations.ShouldContain(r => r.Code == RelaxationCodes.MakeOptional && r.Description.Contains("if Carol is optional"));
        result.Relaxations.Single(r => r.Code == RelaxationCodes.LowerAttendeePercentage).Description.ShouldContain("66%");
        result.Relaxations.ShouldNotContain(r => r.Code == RelaxationCodes.MakeOptional && r.Description.Contains("Bob"));
    }

    [Fact]
    public void Suggest_OffersDroppingTheNoticeTheExcludedDaysTheTimeLimitsAndFlexibleEvents()
    {
        var focus = Block(June(2, 9), June(2, 17), isFlexible: true);
        var request = Meeting(Person("Ann", focus), Person("Bob")) with
        {
            Window = Between(June(2, 0), June(4, 0)),
            Now = June(2, 10),
            MinimumNotice = Hours(24),
            ExcludedDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Tuesday },
            LatestLocal = new LocalTime(9, 0),
        };

        var result = MeetingSuggester.Suggest(request);

        result.Suggestions.ShouldBeEmpty();
        result.EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.OutsideWorkingHours);
        // Each single relaxation still leaves another constraint in the way except widening the window.
        result.Relaxations.Select(r => r.Code).ShouldNotContain(RelaxationCodes.IgnoreFlexibleEvents);

        var onlyFocusInTheWay = MeetingSuggester.Suggest(Meeting(Person("Ann", focus), Person("Bob")));
        onlyFocusInTheWay.EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.OrganizerUnavailable);
        onlyFocusInTheWay.Relaxations.Single(r => r.Code == RelaxationCodes.IgnoreFlexibleEvents).SlotsFound.ShouldBe(8);
    }

    [Theory]
    [InlineData(RelaxationCodes.DropMinimumNotice)]
    [InlineData(RelaxationCodes.AllowExcludedDays)]
    [InlineData(RelaxationCodes.DropTimeLimits)]
    public void Suggest_WhenASingleLimitIsInTheWay_OffersDroppingIt(string code)
    {
        var request = Meeting(Person("Ann")) with { Window = Between(June(2, 0), June(3, 0)) };
        request = code switch
        {
            RelaxationCodes.DropMinimumNotice => request with { Now = June(2, 8), MinimumNotice = Hours(10) },
            RelaxationCodes.AllowExcludedDays => request with { ExcludedDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Monday } },
            _ => request with { EarliestLocal = new LocalTime(17, 0) },
        };

        var result = MeetingSuggester.Suggest(request);

        result.Suggestions.ShouldBeEmpty();
        result.Relaxations.Single(r => r.Code == code).FirstSlot.ShouldBe(June(2, 9));
    }

    [Fact]
    public void Suggest_WhenTheWindowHasPassed_SaysItIsInThePast()
    {
        var request = Meeting(Person("Ann")) with { Now = June(5, 0) };

        MeetingSuggester.Suggest(request).EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.InThePast);
    }

    [Fact]
    public void Suggest_WhenTheNoticeLeavesTooLittleOfTheWindow_SaysTheWindowIsTooShort()
    {
        var request = Meeting(Person("Ann")) with { Now = June(2, 23, 30) };

        var result = MeetingSuggester.Suggest(request);

        result.EmptySuggestionsReason.ShouldBe(EmptySuggestionsReason.WindowTooShort);
        result.Relaxations.Single(r => r.Code == RelaxationCodes.ExtendWindow).FirstSlot.ShouldBe(June(3, 9));
    }
}
