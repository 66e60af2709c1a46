using CleanAssistant.Application.Common;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace CleanAssistant.Application.Tests.Common;

public class ClockTests
{
    [Fact]
    public void GetCurrentInstant_ReadsTheInjectedTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 11, 0, 0, TimeSpan.FromHours(2)));

        time.GetCurrentInstant().ShouldBe(Instant.FromUtc(2025, 6, 2, 9, 0));

        time.Advance(TimeSpan.FromMinutes(90));
        time.GetCurrentInstant().ShouldBe(Instant.FromUtc(2025, 6, 2, 10, 30));
    }
}
