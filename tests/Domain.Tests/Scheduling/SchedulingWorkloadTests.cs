using CleanAssistant.Domain.Scheduling;
using NodaTime;

namespace CleanAssistant.Domain.Tests.Scheduling;

public class SchedulingWorkloadTests
{
    [Fact]
    public void Create_BuildsTheAskedShapeReproducibly()
    {
        var request = SchedulingWorkload.Create(seed: 7);

        request.Attendees.Count.ShouldBe(10);
        request.Attendees.ShouldAllBe(a => a.Busy.Count == 2000 && a.Busy.All(b => b.Start < request.Window.End && b.End > request.Window.Start));
        request.Window.Duration.ShouldBe(Duration.FromDays(28));
        SchedulingWorkload.Create(seed: 7).Attendees[4].Busy.ShouldBe(request.Attendees[4].Busy);
    }

    [Fact]
    public void Suggest_OnTheWorkload_FindsNonOverlappingSlotsInsideTheFreeTimeOfTheRequired()
    {
        var request = SchedulingWorkload.Create(seed: 7);

        var result = MeetingSuggester.Suggest(request);

        result.Suggestions.Count.ShouldBe(request.MaxCandidates);
        result.Suggestions.ShouldAllBe(s => s.Attendees.Take(3).All(a => a.Availability == SlotAvailability.Free || a.Availability == SlotAvailability.Tentative || a.Availability == SlotAvailability.WorkingElsewhere));
        result.FreeSlots.ShouldBe(FreeSlotFinder.Find(request));
        result.FreeSlots.ShouldNotBeEmpty();
    }
}
