using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Events;

namespace CleanAssistant.Domain.Tests.Events;

public class EventDetailsTests
{
    [Fact]
    public void Create_TrimsEveryField()
    {
        var details = EventDetails.Create("  Dentist \t", "  Check-up  ", "\n Main St 1 ");

        details.Title.ShouldBe("Dentist");
        details.Description.ShouldBe("Check-up");
        details.Location.ShouldBe("Main St 1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_EmptyOptionalText_BecomesNull(string? empty)
    {
        var details = EventDetails.Create("Dentist", empty, empty);

        details.Description.ShouldBeNull();
        details.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithBlankTitle_IsRefused(string title)
    {
        var error = Should.Throw<DomainException>(() => EventDetails.Create(title));

        error.Code.ShouldBe("REQUIRED");
    }

    [Fact]
    public void Create_TitleAtTheLimitAfterTrimming_IsAccepted()
    {
        var title = new string('t', CalendarEvent.MaxTitleLength);

        EventDetails.Create($"  {title}  ").Title.ShouldBe(title);
    }

    [Fact]
    public void Create_TitleOverTheLimit_IsRefused()
    {
        var error = Should.Throw<DomainException>(() => EventDetails.Create(new string('t', CalendarEvent.MaxTitleLength + 1)));

        error.Code.ShouldBe("TOO_LONG");
    }

    [Fact]
    public void Create_DescriptionOverTheLimit_IsRefused()
    {
        EventDetails.Create("Dentist", new string('d', CalendarEvent.MaxDescriptionLength)).Description!.Length
            .ShouldBe(CalendarEvent.MaxDescriptionLength);

        var error = Should.Throw<DomainException>(() =>
            EventDetails.Create("Dentist", new string('d', CalendarEvent.MaxDescriptionLength + 1)));

        error.Code.ShouldBe("TOO_LONG");
    }

    [Fact]
    public void Create_LocationOverTheLimit_IsRefused()
    {
        EventDetails.Create("Dentist", location: new string('l', CalendarEvent.MaxLocationLength)).Location!.Length
            .ShouldBe(CalendarEvent.MaxLocationLength);

        var error = Should.Throw<DomainException>(() =>
            EventDetails.Create("Dentist", location: new string('l', CalendarEvent.MaxLocationLength + 1)));

        error.Code.ShouldBe("TOO_LONG");
    }
}
