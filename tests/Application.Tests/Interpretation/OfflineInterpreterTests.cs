using CleanAssistant.Application.Interpretation;
using NodaTime;
using InterpretationResult = CleanAssistant.Application.Interpretation.Interpretation;

namespace CleanAssistant.Application.Tests.Interpretation;

public sealed class OfflineInterpreterTests
{
    private static readonly DateTimeZone NewYork = Said.NewYork;

    private static InterpretationResult Interpret(string text, LocalDateTime? now = null, DateTimeZone? zone = null) =>
        OfflineInterpreter.Interpret(new InterpretationRequest(text, now ?? Said.Wednesday, zone ?? NewYork));

    private static string? Iso(OffsetDateTime? value) => Said.Iso(value);

    [Theory]
    [InlineData("schedule a run at 3", "2026-11-18T15:00:00-05:00")]
    [InlineData("schedule a run at 8", "2026-11-19T08:00:00-05:00")] // 8 am has passed: tomorrow
    [InlineData("schedule a run at 3pm", "2026-11-18T15:00:00-05:00")]
    [InlineData("schedule a run at 15:00", "2026-11-18T15:00:00-05:00")]
    [InlineData("schedule a run at 3:30", "2026-11-18T15:30:00-05:00")]
    [InlineData("schedule a run at noon", "2026-11-18T12:00:00-05:00")]
    [InlineData("schedule a run at half past four", "2026-11-18T16:30:00-05:00")]
    [InlineData("schedule a run at quarter to eleven", "2026-11-18T10:45:00-05:00")]
    [InlineData("schedule a run at quarter to seven", "2026-11-19T06:45:00-05:00")]
    [InlineData("schedule a run tonight at 9", "2026-11-18T21:00:00-05:00")]
    [InlineData("schedule a run saturday morning at 5", "2026-11-21T05:00:00-05:00")]
    [InlineData("schedule a run at five o'clock", "2026-11-18T17:00:00-05:00")]
    public void ClockTimes_FollowTheContractsAmPmRules(string text, string start)
    {
        var answer = Interpret(text);
        answer.Intent.ShouldBe(Intent.CreateEvent);
        Iso(answer.Start).ShouldBe(start);
    }

    [Theory]
    [InlineData("book squash on Thursday at 6pm", "2026-11-19T18:00:00-05:00")]
    [InlineData("book squash on Wednesday at 6pm", "2026-11-25T18:00:00-05:00")] // said on a Wednesday: a week on
    [InlineData("book squash this Friday at 6pm", "2026-11-20T18:00:00-05:00")]
    [InlineData("book squash the day after tomorrow at 6pm", "2026-11-20T18:00:00-05:00")]
    [InlineData("book squash on December 2nd at 6pm", "2026-12-02T18:00:00-05:00")]
    [InlineData("book squash on the 3rd of January at 6pm", "2027-01-03T18:00:00-05:00")]
    [InlineData("book squash on the twenty fifth at 6pm", "2026-11-25T18:00:00-05:00")]
    [InlineData("book squash on the 2nd at 6pm", "2026-12-02T18:00:00-05:00")] // the 2nd has passed this month
    [InlineData("book squash in three days at 6pm", "2026-11-21T18:00:00-05:00")]
    public void Days_ResolveFromToday(string text, string start) => Iso(Interpret(text).Start).ShouldBe(start);

    [Fact]
    public void DateWithoutTime_IsAnAllDayEvent()
    {
        var answer = Interpret("put the Harvest Fair on Saturday");
        answer.AllDay.ShouldBe(true);
        Iso(answer.Start).ShouldBe("2026-11-21T00:00:00-05:00");
        answer.Title.ShouldBe("Harvest Fair");
    }

    [Fact]
    public void PartOfDay_GivesAStartTimeForEvents()
    {
        Iso(Interpret("plan a hike sunday afternoon").Start).ShouldBe("2026-11-22T14:00:00-05:00");
    }

    [Fact]
    public void DaylightSaving_KeepsTheWallClockAndTakesTheNewOffset()
    {
        // Saturday 2026-10-31 (EDT, -4): clocks fall back on Sunday 2026-11-01.
        var answer = Interpret("book a run tomorrow at 9", new LocalDateTime(2026, 10, 31, 12, 0));
        Iso(answer.Start).ShouldBe("2026-11-01T09:00:00-05:00");
    }

    [Fact]
    public void DaylightSaving_InMinutesCountsElapsedTime()
    {
        // 00:40 EDT on the night of the change: ninety minutes later is 01:10 EST.
        var answer = Interpret("remind me in ninety minutes to feed the cat", new LocalDateTime(2026, 11, 1, 0, 40));
        answer.Intent.ShouldBe(Intent.CreateReminder);
        Iso(answer.RemindAt).ShouldBe("2026-11-01T01:10:00-05:00");
        answer.Title.ShouldBe("feed the cat");
    }

    [Fact]
    public void RangesAndDurations()
    {
        var range = Interpret("book the lab from 7 to 11 pm on Friday");
        Iso(range.Start).ShouldBe("2026-11-20T19:00:00-05:00");
        Iso(range.End).ShouldBe("2026-11-20T23:00:00-05:00");

        var crossing = Interpret("book the lab from 11 to 2 pm on Friday");
        Iso(crossing.Start).ShouldBe("2026-11-20T11:00:00-05:00");

        Interpret("schedule a 30-minute chat with Ana on Monday at 10").DurationMinutes.ShouldBe(30);
        Interpret("schedule a chat on Monday at 10 for half an hour").DurationMinutes.ShouldBe(30);
        Interpret("schedule a chat on Monday at 10 for an hour and a half").DurationMinutes.ShouldBe(90);
    }

    [Fact]
    public void ExplicitZone_PlacesTheClockTimeInThatZone()
    {
        Iso(Interpret("set up a call with Ravi on Friday at 4pm London time").Start).ShouldBe("2026-11-20T16:00:00+00:00");
        Iso(Interpret("set up a call on Friday at 10 am Mountain").Start).ShouldBe("2026-11-20T10:00:00-07:00");
    }

    [Fact]
    public void CreateEvent_FillsPeopleAndPlace()
    {
        var answer = Interpret("set up a workshop with Maria Lopez and the QA team at the Annex on Tuesday at 2");
        answer.Title.ShouldBe("workshop");
        answer.Attendees.ShouldBe(["Maria Lopez", "the QA team"]);
        answer.Location.ShouldBe("Annex");
        Iso(answer.Start).ShouldBe("2026-11-24T14:00:00-05:00");
    }

    [Theory]
    [InlineData("add choir practice every Thursday at 7pm", "FREQ=WEEKLY;BYDAY=TH", "2026-11-19T19:00:00-05:00")]
    [InlineData("add a stretch break every weekday at 3", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-18T15:00:00-05:00")]
    [InlineData("add a sync every other Monday at 9", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-11-23T09:00:00-05:00")]
    [InlineData("add a daily walk at 7am", "FREQ=DAILY", "2026-11-19T07:00:00-05:00")]
    [InlineData("add choir every Thursday at 7pm for 4 weeks", "FREQ=WEEKLY;BYDAY=TH;COUNT=4", "2026-11-19T19:00:00-05:00")]
    [InlineData("add a review on the second Tuesday of every month at 10", "FREQ=MONTHLY;BYDAY=2TU", "2026-12-08T10:00:00-05:00")]
    public void Recurrence_BecomesAnRRuleWithTheFirstOccurrenceAsStart(string text, string rule, string start)
    {
        var answer = Interpret(text);
        answer.Recurrence.ShouldBe(rule);
        Iso(answer.Start).ShouldBe(start);
    }

    [Fact]
    public void Queries_CoverWholeDaysWeeksAndPartsOfDays()
    {
        var day = Interpret("what's on tomorrow");
        day.Intent.ShouldBe(Intent.QueryAgenda);
        Iso(day.RangeStart).ShouldBe("2026-11-19T00:00:00-05:00");
        Iso(day.RangeEnd).ShouldBe("2026-11-20T00:00:00-05:00");

        var week = Interpret("do I have anything next week");
        Iso(week.RangeStart).ShouldBe("2026-11-23T00:00:00-05:00");
        Iso(week.RangeEnd).ShouldBe("2026-11-30T00:00:00-05:00");

        var evening = Interpret("what have I got thursday evening");
        Iso(evening.RangeStart).ShouldBe("2026-11-19T16:00:00-05:00");
        Iso(evening.RangeEnd).ShouldBe("2026-11-19T20:00:00-05:00");
    }

    [Fact]
    public void FindFreeTime_TakesDurationRangeAndPeople()
    {
        var answer = Interpret("find 40 minutes for me and Theo on Friday afternoon");
        answer.Intent.ShouldBe(Intent.FindFreeTime);
        answer.DurationMinutes.ShouldBe(40);
        answer.Attendees.ShouldBe(["Theo"]);
        Iso(answer.RangeStart).ShouldBe("2026-11-20T12:00:00-05:00");
    }

    [Fact]
    public void Reminder_OnADayWithoutATime_IsAtNine()
    {
        var answer = Interpret("remind me in 4 days to return the library books");
        answer.Intent.ShouldBe(Intent.CreateReminder);
        Iso(answer.RemindAt).ShouldBe("2026-11-22T09:00:00-05:00");
        answer.Title!.ShouldContain("library books");
    }

    [Fact]
    public void Cancel_NamesTheTarget()
    {
        var answer = Interpret("please scrap the orthodontist visit on Friday");
        answer.Intent.ShouldBe(Intent.CancelEvent);
        answer.Target!.Title.ShouldBe("orthodontist visit");
        answer.Target.Date.ShouldBe(new LocalDate(2026, 11, 20));
    }

    [Fact]
    public void Reschedule_SplitsTheTargetFromTheNewTime()
    {
        var answer = Interpret("push the vendor call from Thursday at 2 to Friday at 11");
        answer.Intent.ShouldBe(Intent.RescheduleEvent);
        answer.Target!.Title.ShouldBe("vendor call");
        Iso(answer.Target.Start).ShouldBe("2026-11-19T14:00:00-05:00");
        Iso(answer.NewStart).ShouldBe("2026-11-20T11:00:00-05:00");
    }

    [Fact]
    public void Update_ChangesPeopleTitleOrPlace()
    {
        var add = Interpret("invite Priyanka to the roadmap review");
        add.Intent.ShouldBe(Intent.UpdateEvent);
        add.AddAttendees.ShouldBe(["Priyanka"]);
        add.Target!.Title.ShouldBe("roadmap review");

        var rename = Interpret("rename the Monday sync to platform standup");
        rename.Title.ShouldBe("platform standup");

        var place = Interpret("change the location of the offsite to the Lakeview Inn");
        place.Location.ShouldBe("Lakeview Inn");
    }

    [Theory]
    [InlineData("recap the hiring panel", Intent.SummarizeMeeting)]
    [InlineData("turn off the lights", Intent.Unknown)]
    [InlineData("how tall is mount everest", Intent.Unknown)]
    public void OtherIntents(string text, Intent intent) => Interpret(text).Intent.ShouldBe(intent);

    [Fact]
    public void SpeechStyle_SpelledOutMeridiemAndZone()
    {
        var answer = Interpret("book a call with ines at four p m pacific on friday");
        answer.Attendees.ShouldBe(["ines"]);
        Iso(answer.Start).ShouldBe("2026-11-20T16:00:00-08:00");
    }

    [Fact]
    public void PluralWeekday_Repeats()
    {
        var answer = Interpret("add pottery on Tuesdays at 6pm");
        answer.Recurrence.ShouldBe("FREQ=WEEKLY;BYDAY=TU");
        Iso(answer.Start).ShouldBe("2026-11-24T18:00:00-05:00");
    }

    [Fact]
    public void Reschedule_FromOneClockTimeToAnother()
    {
        var answer = Interpret("move the interview from 2 to 3");
        Iso(answer.Target!.Start).ShouldBe("2026-11-18T14:00:00-05:00");
        Iso(answer.NewStart).ShouldBe("2026-11-18T15:00:00-05:00");
    }

    [Fact]
    public void EventNamedByItsTime_IsTheTarget()
    {
        var answer = Interpret("cancel the eleven thirty meeting");
        answer.Intent.ShouldBe(Intent.CancelEvent);
        Iso(answer.Target!.Start).ShouldBe("2026-11-18T11:30:00-05:00");
    }

    [Fact]
    public void StatementWithATime_WithoutAVerb_IsAnEvent()
    {
        var answer = Interpret("drinks with Omar friday at 6");
        answer.Intent.ShouldBe(Intent.CreateEvent);
        answer.Title.ShouldBe("drinks");
        Iso(answer.Start).ShouldBe("2026-11-20T18:00:00-05:00");
    }

    [Fact]
    public void LastWeekday_IsInThePast()
    {
        var answer = Interpret("summarize the retro from last Monday");
        answer.Intent.ShouldBe(Intent.SummarizeMeeting);
        answer.Target!.Date.ShouldBe(new LocalDate(2026, 11, 16));
    }
}
