using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using NodaTime;
using static CleanAssistant.Domain.Tests.Builders;

namespace CleanAssistant.Domain.Tests.Calendars;

public class CalendarTests
{
    [Fact]
    public void Create_TrimsNameAndStartsAtVersionOne()
    {
        var owner = UserId.New();

        var calendar = Calendar.Create(owner, "  Work  ", isDefault: false, Now);

        calendar.OwnerId.ShouldBe(owner);
        calendar.Name.ShouldBe("Work");
        calendar.IsDefault.ShouldBeFalse();
        calendar.CreatedAt.ShouldBe(Now);
        calendar.Version.ShouldBe(1);
        calendar.IsDeleted.ShouldBeFalse();
        calendar.DeletedAt.ShouldBeNull();
    }

    [Fact]
    public void Create_TwoCalendars_GetDistinctIds() =>
        ACalendar().Id.ShouldNotBe(ACalendar().Id);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Create_WithBlankName_IsRefused(string name)
    {
        var error = Should.Throw<DomainException>(() => Calendar.Create(UserId.New(), name, isDefault: false, Now));

        error.Code.ShouldBe("REQUIRED");
    }

    [Fact]
    public void Create_WithNameOverTheLimit_IsRefused()
    {
        Calendar.Create(UserId.New(), new string('n', Calendar.MaxNameLength), isDefault: false, Now).Name.Length
            .ShouldBe(Calendar.MaxNameLength);

        var error = Should.Throw<DomainException>(() =>
            Calendar.Create(UserId.New(), new string('n', Calendar.MaxNameLength + 1), isDefault: false, Now));

        error.Code.ShouldBe("TOO_LONG");
    }

    [Fact]
    public void Rename_ChangesNameAndBumpsVersion()
    {
        var calendar = ACalendar(name: "Work");

        calendar.Rename(" Office ");

        calendar.Name.ShouldBe("Office");
        calendar.Version.ShouldBe(2);
    }

    [Fact]
    public void Rename_ToBlank_IsRefusedAndKeepsTheName()
    {
        var calendar = ACalendar(name: "Work");

        var error = Should.Throw<DomainException>(() => calendar.Rename(" "));

        error.Code.ShouldBe("REQUIRED");
        calendar.Name.ShouldBe("Work");
        calendar.Version.ShouldBe(1);
    }

    [Fact]
    public void Delete_OrdinaryCalendar_SoftDeletesAndBumpsVersion()
    {
        var calendar = ACalendar();
        var later = Now + Duration.FromDays(1);

        calendar.Delete(later);

        calendar.IsDeleted.ShouldBeTrue();
        calendar.DeletedAt.ShouldBe(later);
        calendar.Version.ShouldBe(2);
    }

    [Fact]
    public void Delete_DefaultCalendar_IsRefusedAndKeepsIt()
    {
        var calendar = ACalendar(name: Calendar.DefaultName, isDefault: true);

        var error = Should.Throw<DomainException>(() => calendar.Delete(Now));

        error.Code.ShouldBe("DEFAULT_CALENDAR");
        calendar.IsDeleted.ShouldBeFalse();
        calendar.DeletedAt.ShouldBeNull();
        calendar.Version.ShouldBe(1);
    }
}
