using NodaTime;

namespace CleanAssistant.Application.Common;

public static class Clock
{
    /// <summary>The current instant from the injected <see cref="TimeProvider"/> (never the static system clock).</summary>
    public static Instant GetCurrentInstant(this TimeProvider timeProvider) => Instant.FromDateTimeOffset(timeProvider.GetUtcNow());
}
