using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Recurrence;
using NodaTime;

namespace CleanAssistant.Domain.Tests.Recurrence;

public class RecurrenceRuleTests
{
    [Fact]
    public void Parse_FullRule_ReadsEveryPart()
    {
        var rule = RecurrenceRule.Parse(
            "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYDAY=1MO,-1FR,+2TU,SU;BYMONTHDAY=1,-1;BYYEARDAY=100,-5;BYMONTH=3,1;"
            + "BYSETPOS=-2,1;BYHOUR=9,17;BYMINUTE=30;BYSECOND=15;WKST=SU");

        rule.Frequency.ShouldBe(RecurrenceFrequency.Yearly);
        rule.Interval.ShouldBe(2);
        rule.Count.ShouldBe(10);
        rule.Until.ShouldBeNull();
        rule.ByDay.ShouldBe([
            new RecurrenceWeekday(IsoDayOfWeek.Monday, 1),
            new RecurrenceWeekday(IsoDayOfWeek.Tuesday, 2),
            new RecurrenceWeekday(IsoDayOfWeek.Friday, -1),
            new RecurrenceWeekday(IsoDayOfWeek.Sunday),
        ]);
        rule.ByMonthDay.ShouldBe([-1, 1]);
        rule.ByYearDay.ShouldBe([-5, 100]);
        rule.ByMonth.ShouldBe([1, 3]);
        rule.BySetPos.ShouldBe([-2, 1]);
        rule.ByHour.ShouldBe([9, 17]);
        rule.ByMinute.ShouldBe([30]);
        rule.BySecond.ShouldBe([15]);
        rule.WeekStart.ShouldBe(IsoDayOfWeek.Sunday);
    }

    [Fact]
    public void ToString_GivesCanonicalTextThatParsesToAnEqualRule()
    {
        var rule = RecurrenceRule.Parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,MO;UNTIL=20261231T225959Z;WKST=MO");

        rule.ToString().ShouldBe("FREQ=WEEKLY;UNTIL=20261231T225959Z;INTERVAL=2;BYDAY=MO,WE");
        RecurrenceRule.Parse(rule.ToString()).ShouldBe(rule);
        RecurrenceRule.Parse(rule.ToString()).GetHashCode().ShouldBe(rule.GetHashCode());
    }

    [Theory]
    [InlineData("rrule:freq=monthly;byday=-1fr", "FREQ=MONTHLY;BYDAY=-1FR")]
    [InlineData("FREQ=DAILY;INTERVAL=1", "FREQ=DAILY")]
    [InlineData("FREQ=MONTHLY;BYDAY=+2TU;WKST=SU", "FREQ=MONTHLY;BYDAY=2TU;WKST=SU")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=20,-1;BYDAY=MO", "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=-1,20")]
    [InlineData("FREQ=DAILY;BYSECOND=5;BYMINUTE=0,30;BYHOUR=9", "FREQ=DAILY;BYSECOND=5;BYMINUTE=0,30;BYHOUR=9")]
    public void ToString_NormalisesCaseOrderAndDefaults(string text, string canonical) =>
        RecurrenceRule.Parse(text).ToString().ShouldBe(canonical);

    [Theory]
    [InlineData("FREQ=DAILY;UNTIL=20261231T225959Z", RecurrenceUntilKind.Utc, "2026-12-31T22:59:59")]
    [InlineData("FREQ=DAILY;UNTIL=20261231T235959", RecurrenceUntilKind.Local, "2026-12-31T23:59:59")]
    [InlineData("FREQ=DAILY;UNTIL=20261231", RecurrenceUntilKind.Date, "2026-12-31T00:00:00")]
    public void Parse_Until_KeepsItsForm(string text, RecurrenceUntilKind kind, string value)
    {
        var rule = RecurrenceRule.Parse(text);

        rule.Until!.Kind.ShouldBe(kind);
        rule.Until.Value.ToString("uuuu-MM-ddTHH:mm:ss", null).ShouldBe(value);
        rule.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("INTERVAL=2", "FREQ")]
    [InlineData("FREQ=FORTNIGHTLY", "FREQ")]
    [InlineData("FREQ=DAILY;COUNT=0", "COUNT")]
    [InlineData("FREQ=DAILY;COUNT=x", "COUNT")]
    [InlineData("FREQ=DAILY;INTERVAL=0", "INTERVAL")]
    [InlineData("FREQ=DAILY;COUNT=1;COUNT=2", "COUNT")]
    [InlineData("FREQ=DAILY;COUNT=2;UNTIL=20250101", "COUNT and UNTIL")]
    [InlineData("FREQ=DAILY;UNTIL=2025-01-01", "UNTIL")]
    [InlineData("FREQ=DAILY;BYDAY=XX", "BYDAY")]
    [InlineData("FREQ=MONTHLY;BYDAY=0MO", "BYDAY")]
    [InlineData("FREQ=WEEKLY;BYDAY=1MO", "BYDAY")]
    [InlineData("FREQ=MONTHLY;BYDAY=6MO", "BYDAY")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY")]
    [InlineData("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY")]
    [InlineData("FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY")]
    [InlineData("FREQ=MONTHLY;BYWEEKNO=3", "BYWEEKNO")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO")]
    [InlineData("FREQ=YEARLY;BYMONTH=13", "BYMONTH")]
    [InlineData("FREQ=YEARLY;BYMONTH=-1", "BYMONTH")]
    [InlineData("FREQ=DAILY;BYHOUR=24", "BYHOUR")]
    [InlineData("FREQ=DAILY;BYMINUTE=60", "BYMINUTE")]
    [InlineData("FREQ=DAILY;BYSECOND=60", "BYSECOND")]
    [InlineData("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS")]
    [InlineData("FREQ=DAILY;WKST=XY", "WKST")]
    [InlineData("FREQ=DAILY;FOO=1", "FOO")]
    [InlineData("FREQ=DAILY;COUNT", "COUNT")]
    [InlineData("FREQ=DAILY;BYMONTH=", "BYMONTH")]
    public void Parse_BadInput_IsRejectedNamingThePart(string text, string part)
    {
        var error = Should.Throw<DomainException>(() => RecurrenceRule.Parse(text));

        error.Code.ShouldBe("INVALID_RECURRENCE");
        error.Message.ShouldContain(part);
    }

    [Theory]
    [InlineData("FREQ=HOURLY")]
    [InlineData("FREQ=MINUTELY;INTERVAL=15")]
    [InlineData("FREQ=SECONDLY")]
    public void Parse_SubDailyFrequency_IsUnsupported(string text)
    {
        var error = Should.Throw<DomainException>(() => RecurrenceRule.Parse(text));

        error.Code.ShouldBe("UNSUPPORTED_RECURRENCE");
        error.Message.ShouldContain("FREQ");
    }
}
