using CleanAssistant.Application.Interpretation;
using NodaTime;

namespace CleanAssistant.Application.Tests.Interpretation;

public sealed class GrammarExtensionTests
{
    [Theory]
    [InlineData("push it an hour", 60)]
    [InlineData("push it back an hour", 60)]
    [InlineData("move the standup back 30 minutes", 30)]
    [InlineData("make it 15 minutes later", 15)]
    [InlineData("make the sync fifteen minutes earlier", -15)]
    [InlineData("bring it forward a day", -1440)]
    [InlineData("move the review up by half an hour", -30)]
    [InlineData("delay the call by 20 minutes", 20)]
    [InlineData("push back the retro by two hours", 120)]
    [InlineData("postpone the offsite a week", 10080)]
    [InlineData("um can you push the one on one out two days please", 2880)]
    public void RelativeMoves_AreReschedulesByASignedAmount(string text, int minutes)
    {
        var answer = Said.Interpret(text);

        answer.Intent.ShouldBe(Intent.RescheduleEvent);
        answer.ShiftMinutes.ShouldBe(minutes);
        answer.NewStart.ShouldBeNull();
    }

    [Fact]
    public void RelativeMove_OfAnEventAtAKnownTime_GivesTheNewStart()
    {
        Said.Iso(Said.Interpret("push my 3pm back an hour").NewStart).ShouldBe("2026-11-18T16:00:00-05:00");

        // Days move on the calendar, keeping the clock time across the end of daylight saving time.
        var answer = Said.Interpret("push saturday's 9am run forward a day", now: new LocalDateTime(2026, 10, 30, 12, 0));
        Said.Iso(answer.NewStart).ShouldBe("2026-10-30T09:00:00-04:00");
    }

    [Theory]
    [InlineData("book a 30 minute call with Bob tomorrow at 10")]
    [InlineData("do i have a free 45 minutes later this month")]
    [InlineData("remind me 15 minutes before the meeting")]
    public void Amounts_ThatAreLengthsOrLeads_AreNotMoves(string text) => Said.Interpret(text).ShiftMinutes.ShouldBeNull();

    [Theory]
    [InlineData("what do i have next month", "2026-12-01T00:00:00-05:00", "2027-01-01T00:00:00-05:00")]
    [InlineData("what's on this month", "2026-11-01T00:00:00-04:00", "2026-12-01T00:00:00-05:00")]
    [InlineData("anything later this month", "2026-11-19T00:00:00-05:00", "2026-12-01T00:00:00-05:00")]
    [InlineData("am i free for the rest of the month", "2026-11-19T00:00:00-05:00", "2026-12-01T00:00:00-05:00")]
    [InlineData("what did i have last month", "2026-10-01T00:00:00-04:00", "2026-11-01T00:00:00-04:00")]
    [InlineData("what's on the week after next", "2026-11-30T00:00:00-05:00", "2026-12-07T00:00:00-05:00")]
    public void MonthsAndWeeks_AreRanges(string text, string start, string end)
    {
        var answer = Said.Interpret(text);

        Said.Iso(answer.RangeStart).ShouldBe(start);
        Said.Iso(answer.RangeEnd).ShouldBe(end);
    }

    [Theory]
    [InlineData("book dinner a week from friday at 7pm", "2026-11-27T19:00:00-05:00")]
    [InlineData("book dinner two weeks from tomorrow at 7pm", "2026-12-03T19:00:00-05:00")]
    [InlineData("book dinner in two weeks on monday at 7pm", "2026-11-30T19:00:00-05:00")]
    [InlineData("book dinner the monday after next at 7pm", "2026-11-30T19:00:00-05:00")]
    [InlineData("book dinner friday after next at 7pm", "2026-11-27T19:00:00-05:00")]
    [InlineData("book dinner monday next week at 7pm", "2026-11-23T19:00:00-05:00")]
    [InlineData("book dinner next week on thursday at 7pm", "2026-11-26T19:00:00-05:00")]
    [InlineData("book dinner on christmas eve at 7pm", "2026-12-24T19:00:00-05:00")]
    [InlineData("book dinner on christmas at 7pm", "2026-12-25T19:00:00-05:00")]
    [InlineData("book dinner on new year's eve at 7pm", "2026-12-31T19:00:00-05:00")]
    [InlineData("book brunch on new years day at 11am", "2027-01-01T11:00:00-05:00")]
    [InlineData("book dinner on thanksgiving at 3pm", "2026-11-26T15:00:00-05:00")]
    [InlineData("book dinner on halloween at 7pm", "2027-10-31T19:00:00-04:00")]
    [InlineData("book dinner on valentine's day at 7pm", "2027-02-14T19:00:00-05:00")]
    [InlineData("book a picnic on independence day at noon", "2027-07-04T12:00:00-04:00")]
    [InlineData("book a picnic on july 4th at noon", "2027-07-04T12:00:00-04:00")]
    [InlineData("book the all hands on the last friday of january at 10am", "2027-01-29T10:00:00-05:00")]
    [InlineData("dinner at quarter to eight tonight", "2026-11-18T19:45:00-05:00")]
    [InlineData("dinner at quarter to seven", "2026-11-19T06:45:00-05:00")]
    [InlineData("set an alarm for 7", "2026-11-19T07:00:00-05:00")]
    public void DayAndClockPhrases_Resolve(string text, string start)
    {
        var answer = Said.Interpret(text);

        Said.Iso(answer.Start ?? answer.RemindAt).ShouldBe(start);
    }

    [Fact]
    public void Thanksgiving_IsTheFourthThursdayOfNovember_NextYearOnceItHasPassed() =>
        Said.Iso(Said.Interpret("book dinner on thanksgiving at 3pm", now: new LocalDateTime(2026, 11, 27, 9, 0)).Start).ShouldBe("2027-11-25T15:00:00-05:00");

    [Fact]
    public void AHolidayInAName_StaysInTheTitle_AndGivesWayToTheDaySaid()
    {
        var answer = Said.Interpret("plan the christmas party on december 18th at 6pm");

        answer.Title.ShouldBe("christmas party");
        Said.Iso(answer.Start).ShouldBe("2026-12-18T18:00:00-05:00");
    }

    [Theory]
    [InlineData("yoga on mondays and wednesdays at 7am", "FREQ=WEEKLY;BYDAY=MO,WE")]
    [InlineData("tuesdays and thursdays at 8 gym", "FREQ=WEEKLY;BYDAY=TU,TH")]
    [InlineData("team sync mondays, wednesdays and fridays at 9:30", "FREQ=WEEKLY;BYDAY=MO,WE,FR")]
    public void SeveralPluralWeekdays_RepeatWeekly(string text, string rule) => Said.Interpret(text).Recurrence.ShouldBe(rule);

    [Theory]
    [InlineData("remind me to send the weekly report on friday", "send the weekly report")]
    [InlineData("remind me about our monthly review tomorrow", "our monthly review")]
    public void RecurrenceWords_NamingAThing_StayInTheText(string text, string title)
    {
        var answer = Said.Interpret(text);

        answer.Recurrence.ShouldBeNull();
        answer.Title.ShouldNotBeNull().ShouldContain(title.Split(' ')[^2]);
    }

    [Fact]
    public void RescheduleToADay_GivesTheNewDate_AndNoClockTime()
    {
        var answer = Said.Interpret("move the dentist to friday");

        answer.NewDate.ShouldBe(new LocalDate(2026, 11, 20));
        answer.NewStart.ShouldBeNull();
        Said.Interpret("move the dentist to friday at 3").NewStart.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("move it to friday at 3")]
    [InlineData("cancel that")]
    [InlineData("cancel the meeting")]
    [InlineData("move the appointment to 4pm")]
    public void TargetsThatPointBack_SaySo(string text)
    {
        var target = Said.Interpret(text).Target.ShouldNotBeNull();

        target.PointsBack.ShouldBeTrue();
        target.Title.ShouldBeNull();
    }

    [Theory]
    [InlineData("cancel the meeting with Bob")]
    [InlineData("cancel the meeting tomorrow")]
    public void NamedOrDatedTargets_DoNotPointBack(string text) => Said.Interpret(text).Target.ShouldNotBeNull().PointsBack.ShouldBeFalse();
}
