using CleanAssistant.Domain.Common;
using NodaTime;

namespace CleanAssistant.Domain.Tests.Common;

public class TimeZoneIdTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("UTC")]
    public void From_IanaId_IsAcceptedAsGiven(string id)
    {
        var zone = TimeZoneId.From(id);

        zone.Value.ShouldBe(id);
        zone.ToString().ShouldBe(id);
        TimeZoneId.IsKnown(id).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Berlin")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Berlin; DROP TABLE users")]
    [InlineData("+02:00")]
    public void From_UnknownOrEmpty_IsRefusedWithInvalidTimeZone(string? id)
    {
        var error = Should.Throw<DomainException>(() => TimeZoneId.From(id));

        error.Code.ShouldBe("INVALID_TIME_ZONE");
        TimeZoneId.IsKnown(id).ShouldBeFalse();
    }

    [Fact]
    public void From_LinkSuchAsUsPacific_IsAcceptedAndBehavesLikeTheZoneItLinksTo()
    {
        var pacific = TimeZoneId.From("US/Pacific");
        var losAngeles = TimeZoneId.From("America/Los_Angeles").Zone;

        var summer = Instant.FromUtc(2025, 7, 1, 12, 0);
        var winter = Instant.FromUtc(2025, 1, 1, 12, 0);
        pacific.Zone.GetUtcOffset(summer).ShouldBe(losAngeles.GetUtcOffset(summer));
        pacific.Zone.GetUtcOffset(winter).ShouldBe(losAngeles.GetUtcOffset(winter));
    }

    [Fact]
    public void Zone_FollowsDaylightSavingTime()
    {
        var berlin = TimeZoneId.From("Europe/Berlin").Zone;

        berlin.GetUtcOffset(Instant.FromUtc(2025, 1, 15, 12, 0)).ShouldBe(Offset.FromHours(1));
        berlin.GetUtcOffset(Instant.FromUtc(2025, 7, 15, 12, 0)).ShouldBe(Offset.FromHours(2));
    }

    [Fact]
    public void Utc_IsTheUtcZone()
    {
        TimeZoneId.Utc.ShouldBe(TimeZoneId.From("UTC"));
        TimeZoneId.Utc.Zone.GetUtcOffset(Instant.FromUtc(2025, 7, 1, 0, 0)).ShouldBe(Offset.Zero);
    }

    [Fact]
    public void SameId_IsEqual()
    {
        TimeZoneId.From("Europe/Berlin").ShouldBe(TimeZoneId.From("Europe/Berlin"));
        TimeZoneId.From("Europe/Berlin").ShouldNotBe(TimeZoneId.From("Europe/Paris"));
    }
}
