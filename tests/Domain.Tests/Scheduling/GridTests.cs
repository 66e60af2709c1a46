using CleanAssistant.Domain.Scheduling;
using NodaTime;
using static CleanAssistant.Domain.Tests.Scheduling.SchedulingBuilders;

namespace CleanAssistant.Domain.Tests.Scheduling;

public sealed class GridTests
{
    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("America/St_Johns")]
    public void HourlySuggestions_StartOnTheOrganizersLocalHour_InHalfHourZones(string zoneId)
    {
        var zone = Zone(zoneId);
        var request = new MeetingRequest([Person("Priya", zone)], Hours(1), Between(June(2, 0), June(3, 0)), Now)
        {
            SlotStep = Duration.FromHours(1),
            MaxCandidates = 10,
        };

        var suggestions = MeetingSuggester.Suggest(request).Suggestions;

        suggestions.ShouldNotBeEmpty();
        suggestions.ShouldAllBe(s => s.Slot.Start.InZone(zone).Minute == 0);
        suggestions.ShouldContain(s => s.Slot.Start.InZone(zone).Hour == 9, "09:00 local, the start of the working day, is offered");
    }
}
