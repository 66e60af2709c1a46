using CleanAssistant.Application.Interpretation;
using CleanAssistant.Domain.Users;
using NodaTime;
using InterpretationResult = CleanAssistant.Application.Interpretation.Interpretation;

namespace CleanAssistant.Application.Tests.Interpretation;

public sealed class AmbiguityTests
{
    [Fact]
    public void NextFriday_ByDefaultIsTheComingOne_AndOffersNextWeeksFriday()
    {
        var answer = Said.Interpret("book a haircut next friday at 4pm");

        Said.Iso(answer.Start).ShouldBe("2026-11-20T16:00:00-05:00");
        answer.Confidence.ShouldBeLessThan(InterpretationResult.SureEnough);
        var alternative = answer.Alternatives.ShouldHaveSingleItem();
        alternative.Phrase.ShouldBe("next friday");
        alternative.Meaning.ShouldBe("Friday of next week, Nov 27");
        Said.Iso(alternative.Interpretation.Start).ShouldBe("2026-11-27T16:00:00-05:00");
        alternative.Interpretation.Title.ShouldBe("haircut");
    }

    [Fact]
    public void NextFriday_ReadAsNextWeek_WhenTheUserSaysSo()
    {
        var answer = Said.Interpret("book a haircut next friday at 4pm", new AmbiguityPreferences { NextWeekday = NextWeekdayReading.NextWeek });

        Said.Iso(answer.Start).ShouldBe("2026-11-27T16:00:00-05:00");
        answer.Alternatives.ShouldHaveSingleItem().Meaning.ShouldBe("the coming Friday, Nov 20");
    }

    [Fact]
    public void NextMonday_SaidLateInTheWeek_MeansOneDay_AndIsNotInDoubt()
    {
        // On a Saturday the coming Monday is next week's Monday: both readings agree.
        var answer = OfflineInterpreter.Interpret(Said.Request("book a haircut next monday at 4pm", now: new LocalDateTime(2026, 11, 21, 9, 0)));

        Said.Iso(answer.Start).ShouldBe("2026-11-23T16:00:00-05:00");
        answer.Alternatives.ShouldBeEmpty();
        answer.Confidence.ShouldBe(1.0);
    }

    [Fact]
    public void BareWeekdaySaidOnThatDay_IsAWeekLaterByDefault_OrTodayWhenPreferred()
    {
        var byDefault = Said.Interpret("what do i have on wednesday");
        var today = Said.Interpret("what do i have on wednesday", new AmbiguityPreferences { SameWeekday = SameWeekdayReading.Today });

        Said.Iso(byDefault.RangeStart).ShouldBe("2026-11-25T00:00:00-05:00");
        byDefault.Alternatives.ShouldHaveSingleItem().Meaning.ShouldBe("today, Nov 18");
        Said.Iso(byDefault.Alternatives[0].Interpretation.RangeStart).ShouldBe("2026-11-18T00:00:00-05:00");
        Said.Iso(today.RangeStart).ShouldBe("2026-11-18T00:00:00-05:00");
        today.Alternatives.ShouldHaveSingleItem().Meaning.ShouldBe("a week from today, Nov 25");
    }

    [Fact]
    public void BareHour_FollowsTheWorkingDayRule_OrTheNextTimeTheClockShowsIt()
    {
        var byDefault = Said.Interpret("call mom at 7");
        var next = Said.Interpret("call mom at 7", new AmbiguityPreferences { BareHour = BareHourReading.NextOccurrence });

        Said.Iso(byDefault.Start).ShouldBe("2026-11-19T07:00:00-05:00");
        byDefault.Alternatives.ShouldHaveSingleItem().Meaning.ShouldBe("7 pm");
        Said.Iso(byDefault.Alternatives[0].Interpretation.Start).ShouldBe("2026-11-18T19:00:00-05:00");
        Said.Iso(next.Start).ShouldBe("2026-11-18T19:00:00-05:00");
        next.Alternatives.ShouldHaveSingleItem().Meaning.ShouldBe("7 am");
    }

    [Theory]
    [InlineData("call mom at 7pm")]
    [InlineData("call mom tonight at 7")]
    [InlineData("call mom friday at 7")] // another day: the working-day rule holds either way
    [InlineData("call mom at 19:00")]
    public void ClockTimesThatSayWhichHalfOfTheDay_AreNotInDoubt(string text) =>
        Said.Interpret(text).Alternatives.ShouldBeEmpty();

    [Fact]
    public void SureAnswers_HaveConfidenceOne_AndWeakOnesLess()
    {
        Said.Interpret("book a haircut on friday at 4pm").Confidence.ShouldBe(1.0);
        Said.Interpret("lunch on friday at 1pm").Confidence.ShouldBe(Confidence.Weak); // no verb: guessed from the day and time
        Said.Interpret("cancel").Confidence.ShouldBeLessThan(1.0);
        Said.Interpret("tell me a joke").Confidence.ShouldBe(0);
    }

    [Fact]
    public void TimePhrases_FollowTheUsersReadings()
    {
        var request = Said.Request("", new AmbiguityPreferences { NextWeekday = NextWeekdayReading.NextWeek });

        Said.Iso(TimePhrases.Moment("next friday at 3pm", request)?.Start).ShouldBe("2026-11-27T15:00:00-05:00");
        Said.Iso(TimePhrases.Range("next friday", request)?.Start).ShouldBe("2026-11-27T00:00:00-05:00");
    }
}
