using NodaTime;

namespace CleanAssistant.Application.Interpretation;

/// <summary>A time expression the grammar found: tokens [<see cref="Start"/>, <see cref="End"/>) and what they mean.</summary>
internal sealed record Span(int Start, int End, Piece Piece)
{
    public bool Covers(int index) => index >= Start && index < End;
}

internal abstract record Piece;

internal enum DayKind
{
    Relative,
    Weekday,
    MonthDay,
    DayOfMonth,

    /// <summary>A weekday of the ISO week <see cref="DayPiece.Value"/> weeks from this one: "Monday next week", "in two weeks on Monday".</summary>
    WeekdayOfWeek,

    /// <summary>The <see cref="DayPiece.Value"/>th (-1: last) weekday of a month: Thanksgiving, "the first Monday of December".</summary>
    NthWeekday,
}

/// <summary>
/// A day: "tomorrow" (Relative 1), "next Friday" (<see cref="Next"/>), "December 3rd", "the 15th", "in 3 days" (Relative 3);
/// <see cref="Plus"/> days are added after resolving ("a week from Friday", "the Monday after next").
/// </summary>
internal sealed record DayPiece(DayKind Kind, int Value, int Month = 0, IsoDayOfWeek Weekday = IsoDayOfWeek.None, bool This = false, bool Last = false) : Piece
{
    public bool Next { get; init; }

    public int Plus { get; init; }

    /// <summary>A holiday named as part of a title ("the Christmas party"): it gives the day only when no other day is said, and stays in the title.</summary>
    public bool InName { get; init; }
}

/// <summary>"this month", "next month" (<see cref="Months"/> from the current one); <see cref="Rest"/>: "later this month", from tomorrow.</summary>
internal sealed record MonthPiece(int Months, bool Rest) : Piece;

/// <summary>"an hour later", "back 30 minutes", "forward a day": move an event by a signed amount.</summary>
internal sealed record ShiftPiece(int Minutes) : Piece;

internal enum DayRole
{
    When,
    Until,
    Except,
    Starting,
}

/// <summary>A day said with a role in a recurrence: "until Feb 14", "except the 18th", "starting Monday".</summary>
internal sealed record RoleDayPiece(DayRole Role, DayPiece Day) : Piece;

internal enum Meridiem
{
    None,
    Am,
    Pm,
}

/// <summary>
/// A clock time; <see cref="Exact"/> for 24-hour forms, noon and midnight (no am/pm guessing). "quarter to eight" is hour 8
/// with <see cref="MinutesBefore"/> 15: the am/pm rule and a part of day ("tonight") apply to the spoken hour.
/// </summary>
internal sealed record ClockPiece(int Hour, int Minute, Meridiem Meridiem, bool Exact) : Piece
{
    public int MinutesBefore { get; init; }
}

internal sealed record RangePiece(ClockPiece From, ClockPiece To) : Piece;

internal enum DayPart
{
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// <summary>"morning", "this afternoon", "tonight" (<see cref="Today"/>: the part of today).</summary>
internal sealed record PartPiece(DayPart Part, bool Today) : Piece;

/// <summary>"this week", "next week", "this weekend" (<see cref="Weeks"/> from the current ISO week).</summary>
internal sealed record WeekPiece(bool Weekend, int Weeks) : Piece;

internal sealed record DurationPiece(int Minutes) : Piece;

/// <summary>"all day", "all-day": no clock time.</summary>
internal sealed record AllDayPiece : Piece;

/// <summary>"in 45 minutes": counts from now.</summary>
internal sealed record OffsetPiece(Duration Amount) : Piece;

/// <summary>"15 minutes before": a reminder ahead of an event.</summary>
internal sealed record BeforePiece(int Minutes) : Piece;

internal sealed record ZonePiece(DateTimeZone Zone) : Piece;

/// <summary>An RRULE without its COUNT/UNTIL; <see cref="Days"/> and the month parts drive the first occurrence.</summary>
internal sealed record RecurrencePiece(string Freq, int Interval, IReadOnlyList<IsoDayOfWeek> Days, int NthWeekday, int MonthDay) : Piece;

/// <summary>"for 6 weeks", "10 times": the COUNT of a recurrence.</summary>
internal sealed record CountPiece(int Count) : Piece;
