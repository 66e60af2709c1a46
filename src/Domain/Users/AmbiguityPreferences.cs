namespace CleanAssistant.Domain.Users;

/// <summary>
/// How a user reads the time expressions people disagree on. The defaults are the conventions of the
/// interpret contract (shared/contracts/interpret.md); an interpretation that depended on one of these
/// carries the other reading as an alternative, so the reply can read back what was understood.
/// </summary>
public sealed record AmbiguityPreferences
{
    public static AmbiguityPreferences Default { get; } = new();

    /// <summary>"next Friday".</summary>
    public NextWeekdayReading NextWeekday { get; init; } = NextWeekdayReading.Coming;

    /// <summary>A bare weekday said on that weekday ("Friday", said on a Friday).</summary>
    public SameWeekdayReading SameWeekday { get; init; } = SameWeekdayReading.WeekLater;

    /// <summary>A clock hour without am/pm or a part of day ("at 7").</summary>
    public BareHourReading BareHour { get; init; } = BareHourReading.WorkingDay;
}

/// <summary>What "next &lt;weekday&gt;" means.</summary>
public enum NextWeekdayReading
{
    /// <summary>The first such day after today ("next Friday" said on Wednesday is in two days).</summary>
    Coming,

    /// <summary>That day of next week ("next Friday" said on Wednesday is in nine days).</summary>
    NextWeek,
}

/// <summary>What a bare weekday means when said on that weekday.</summary>
public enum SameWeekdayReading
{
    /// <summary>A week from today.</summary>
    WeekLater,

    /// <summary>Today.</summary>
    Today,
}

/// <summary>What a clock hour without am/pm means.</summary>
public enum BareHourReading
{
    /// <summary>1–6 are afternoon, 7–11 morning, 12 noon: the hours people usually meet.</summary>
    WorkingDay,

    /// <summary>The next time the clock shows that hour, morning or evening.</summary>
    NextOccurrence,
}
