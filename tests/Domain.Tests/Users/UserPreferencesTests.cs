using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Tests.Users;

public sealed class UserPreferencesTests
{
    [Fact]
    public void Default_IsMondayToFridayNineToFive_ThirtyMinuteMeetings()
    {
        var hours = UserPreferences.Default.WorkingHoursIn(TimeZoneId.From("Europe/Berlin"));

        hours.On(IsoDayOfWeek.Monday).ShouldHaveSingleItem().Start.ShouldBe(new LocalTime(9, 0));
        hours.On(IsoDayOfWeek.Friday).ShouldHaveSingleItem().End.ShouldBe(new LocalTime(17, 0));
        hours.On(IsoDayOfWeek.Saturday).ShouldBeEmpty();
        UserPreferences.Default.DefaultMeetingLength.ShouldBe(Duration.FromMinutes(30));
    }

    [Theory]
    [InlineData("mo-fr 09:00-17:00", "MO,TU,WE,TH,FR 09:00-17:00")]
    [InlineData("MO,TU,TH 09:00-12:00,13:00-17:30; WE 10:00-14:00", "MO,TU,TH 09:00-12:00,13:00-17:30; WE 10:00-14:00")]
    [InlineData("SA 22:00-24:00", "SA 22:00-24:00")]
    [InlineData("", "")]
    public void WorkWeek_ParsesAndFormatsCanonically(string text, string canonical) =>
        (UserPreferences.Default with { WorkWeek = text }).Validated().WorkWeek.ShouldBe(canonical);

    [Theory]
    [InlineData("MO 17:00-09:00")]
    [InlineData("XX 09:00-17:00")]
    [InlineData("MO 9-5")]
    [InlineData("MO 09:00-12:00,11:00-13:00")]
    [InlineData("MO 09:00-17:00; MO 10:00-11:00")]
    [InlineData("FR-MO 09:00-17:00")]
    public void WorkWeek_Malformed_IsRefusedWithAClearCode(string text)
    {
        var error = Should.Throw<DomainException>(() => (UserPreferences.Default with { WorkWeek = text }).Validated());

        error.Code.ShouldBeOneOf("INVALID_WORKING_HOURS", "INVALID_TIME_RANGE");
    }

    [Fact]
    public void BuffersAndEarliestLatest_AreChecked_AndCarriedIntoSchedulingPreferences()
    {
        Should.Throw<DomainException>(() => (UserPreferences.Default with { BufferAfter = Duration.FromHours(5) }).Validated());
        Should.Throw<DomainException>(() => (UserPreferences.Default with { EarliestLocal = new LocalTime(18, 0), LatestLocal = new LocalTime(8, 0) }).Validated());

        var scheduling = (UserPreferences.Default with { BufferBefore = Duration.FromMinutes(10), LatestLocal = new LocalTime(18, 0) }).ToSchedulingPreferences();

        scheduling.BufferBefore.ShouldBe(Duration.FromMinutes(10));
        scheduling.LatestLocal.ShouldBe(new LocalTime(18, 0));
    }
}
