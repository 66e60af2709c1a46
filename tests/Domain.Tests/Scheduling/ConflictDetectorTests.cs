using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Scheduling;
using NodaTime;
using static CleanAssistant.Domain.Tests.Scheduling.SchedulingBuilders;

namespace CleanAssistant.Domain.Tests.Scheduling;

public class ConflictDetectorTests
{
    private static readonly Interval TenToEleven = Between(June(2, 10), June(2, 11));

    [Fact]
    public void Find_WhenBlocksOnlyTouchTheProposedTime_ReportsNoConflict()
    {
        var blocks = new[] { Block(June(2, 9), June(2, 10)), Block(June(2, 11), June(2, 12)) };

        ConflictDetector.Find(TenToEleven, blocks).ShouldBeEmpty();
    }

    [Fact]
    public void Find_WhenABusyBlockOverlaps_ReportsItAsAHardConflict()
    {
        var meeting = Block(June(2, 10, 30), June(2, 11, 30));

        var conflict = ConflictDetector.Find(TenToEleven, [meeting]).ShouldHaveSingleItem();

        conflict.Block.ShouldBe(meeting);
        conflict.IsTentative.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Availability.Free)]
    [InlineData(Availability.WorkingElsewhere)]
    public void Find_WhenTheOverlappingBlockDoesNotTakeThePersonsTime_ReportsNoConflict(Availability status)
    {
        ConflictDetector.Find(TenToEleven, [Block(June(2, 9), June(2, 12), status)]).ShouldBeEmpty();
    }

    [Fact]
    public void Find_WhenATentativeBlockOverlaps_FlagsItAsTentative()
    {
        var conflict = ConflictDetector.Find(TenToEleven, [Block(June(2, 10), June(2, 11), Availability.Tentative)]).ShouldHaveSingleItem();

        conflict.IsTentative.ShouldBeTrue();
    }

    [Fact]
    public void Find_AllDayEvents_BlockTheDayOnlyWhenBusyOrOutOfOffice()
    {
        var holidayShownAsFree = AllDay(2, Availability.Free);
        var vacation = AllDay(2, Availability.OutOfOffice);

        var conflicts = ConflictDetector.Find(TenToEleven, [holidayShownAsFree, vacation]);

        conflicts.ShouldHaveSingleItem().Block.ShouldBe(vacation);
    }

    [Fact]
    public void Find_ReportsEveryConflictInStartOrder()
    {
        var late = Block(June(2, 10, 45), June(2, 12));
        var early = Block(June(2, 9), June(2, 10, 15));

        ConflictDetector.Find(TenToEleven, [late, early]).Select(c => c.Block).ShouldBe([early, late]);
    }

    [Fact]
    public void FindForChange_IgnoresTheEventBeingChangedButNotOthers()
    {
        var movedId = Guid.NewGuid();
        var itself = Block(June(2, 10), June(2, 11), eventId: movedId);
        var other = Block(June(2, 10, 30), June(2, 11), eventId: Guid.NewGuid());

        ConflictDetector.FindForChange(movedId, Between(June(2, 10, 30), June(2, 11, 30)), [itself, other])
            .ShouldHaveSingleItem().Block.ShouldBe(other);
    }

    [Fact]
    public void Find_WhenTheProposedTimeIsOpenEnded_IsRefused()
    {
        Should.Throw<DomainException>(() => ConflictDetector.Find(new Interval(June(2, 10), null), []))
            .Code.ShouldBe("INVALID_TIME_RANGE");
    }

    [Fact]
    public void BusyBlock_EndingBeforeItStarts_IsRefused()
    {
        Should.Throw<DomainException>(() => Block(June(2, 11), June(2, 10))).Code.ShouldBe("INVALID_TIME_RANGE");
    }
}
