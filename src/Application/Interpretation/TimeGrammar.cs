using NodaTime;

namespace CleanAssistant.Application.Interpretation;

/// <summary>
/// Finds the date and time expressions in a token list. Each matcher reads from one position and says how
/// many tokens it used; the scanner tries them in order (longest, most specific first) and moves on.
/// </summary>
internal static class TimeGrammar
{
    private delegate (int End, Piece Piece)? Matcher(IReadOnlyList<Token> t, int i);

    private static readonly Matcher[] Matchers =
    [
        MatchRoleDay, MatchRecurrence, MatchCount, MatchRange, MatchOffset, MatchShift, MatchDuration, MatchClock,
        MatchPart, MatchMonth, MatchWeek, MatchDay, MatchZone,
    ];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly Dictionary<string, IsoDayOfWeek> WeekdayNames = BuildWeekdays();

    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static readonly Dictionary<string, string> ZoneNames = BuildZones();

    private static readonly HashSet<string> ClockLeads = new(StringComparer.Ordinal) { "at", "@", "around", "by", "to", "till", "til", "until", "about", "before", "after" };

    private static readonly string[] Determiners = ["the", "my", "our", "your", "his", "her", "their", "this", "that", "these", "those"];

    private static readonly string[] MoveWords = ["move", "push", "bring", "shift", "bump", "delay", "postpone", "pull", "slide", "make", "reschedule", "put", "set"];

    /// <summary>After "45 minutes later": "later this month", "earlier than", "back to back" are not moves.</summary>
    private static readonly string[] NotAShift = ["of", "to", "than", "this", "today", "tonight", "in", "on", "that", "next"];

    private static readonly string[] PushVerbs = ["move", "push", "bring", "shift", "bump", "delay", "postpone", "pull", "slide", "reschedule"];

    private static readonly string[] ShiftFollowers = ["please", "and", "then", "on", "tomorrow", "today", "tonight", "if", "so", "because", "this", "next", "instead", "for", "from"];

    private static readonly HashSet<string> SpanLeads = new(StringComparer.Ordinal) { "on", "at", "by", "for", "around", "of", "starting" };

    public static List<Span> Parse(IReadOnlyList<Token> tokens)
    {
        var spans = new List<Span>();
        var i = 0;
        while (i < tokens.Count)
        {
            (int End, Piece Piece)? found = null;
            foreach (var matcher in Matchers)
            {
                found = matcher(tokens, i);
                if (found is not null)
                {
                    break;
                }
            }

            if (found is { } f)
            {
                var start = i;
                while (start > 0 && SpanLeads.Contains(tokens[start - 1].Text) && (spans.Count == 0 || spans[^1].End < start))
                {
                    start--;
                }

                spans.Add(new Span(start, f.End, f.Piece));
                i = f.End;
            }
            else
            {
                i++;
            }
        }

        return spans;
    }

    private static Token? At(IReadOnlyList<Token> t, int i) => i >= 0 && i < t.Count ? t[i] : null;

    private static bool IsWord(IReadOnlyList<Token> t, int i, params string[] words) => At(t, i)?.Is(words) == true;

    private static (int End, Piece Piece)? MatchRoleDay(IReadOnlyList<Token> t, int i)
    {
        DayRole role;
        var next = i + 1;
        if (IsWord(t, i, "until", "till", "til", "through", "thru"))
        {
            role = DayRole.Until;
        }
        else if (IsWord(t, i, "except", "excluding", "skipping", "skip"))
        {
            role = DayRole.Except;
        }
        else if (IsWord(t, i, "but") && IsWord(t, i + 1, "not"))
        {
            role = DayRole.Except;
            next = i + 2;
        }
        else if (IsWord(t, i, "starting", "beginning"))
        {
            role = DayRole.Starting;
            if (IsWord(t, next, "from", "on"))
            {
                next++;
            }
        }
        else
        {
            return null;
        }

        if (IsWord(t, next, "for", "on"))
        {
            next++;
        }

        var day = MatchDay(t, next);
        return day is { Piece: DayPiece d } ? (day.Value.End, new RoleDayPiece(role, d)) : null;
    }

    private static (int End, Piece Piece)? MatchRecurrence(IReadOnlyList<Token> t, int i)
    {
        var w = At(t, i)?.Text;
        if (w is "daily" or "weekly" or "monthly" or "yearly" or "annual" or "annually"
            && (IsWord(t, i - 1, Determiners) || (IsWord(t, i - 1, "to", "as", "called", "named", "titled") && At(t, i + 1) is { Number: null } name && !SpanLeads.Contains(name.Text))))
        {
            // "the weekly report", "my daily standup", "rename it to weekly planning": the name of a thing, not a rule.
            return null;
        }

        switch (w)
        {
            case "daily":
                return (i + 1, new RecurrencePiece("DAILY", 1, [], 0, 0));
            case "weekly":
                return (i + 1, new RecurrencePiece("WEEKLY", 1, [], 0, 0));
            case "monthly":
                return (i + 1, new RecurrencePiece("MONTHLY", 1, [], 0, 0));
            case "yearly" or "annually":
                return (i + 1, new RecurrencePiece("YEARLY", 1, [], 0, 0));
            case "weekdays" when IsWord(t, i - 1, "on") || i == 0 || !IsWord(t, i - 1, "the"):
                return (i + 1, new RecurrencePiece("WEEKLY", 1, Workdays, 0, 0));
            case "hourly":
                return (i + 1, new RecurrencePiece("HOURLY", 1, [], 0, 0));
        }

        // "on Thursdays", "Mondays and Wednesdays": a plural weekday repeats.
        if (w is not null && w.EndsWith("days", StringComparison.Ordinal) && WeekdayNames.ContainsKey(w[..^1]))
        {
            var plural = new List<IsoDayOfWeek>();
            var k = i;
            while (At(t, k) is { } pd && pd.Text.EndsWith("days", StringComparison.Ordinal) && WeekdayNames.TryGetValue(pd.Text[..^1], out var pdow))
            {
                plural.Add(pdow);
                k++;
                if (IsWord(t, k, "and", "or") && At(t, k + 1) is { } nx && nx.Text.EndsWith("days", StringComparison.Ordinal) && WeekdayNames.ContainsKey(nx.Text[..^1]))
                {
                    k++;
                }
            }

            return (k, new RecurrencePiece("WEEKLY", 1, plural, 0, 0));
        }

        // "the first Monday of every month", "the last Friday of each month", "the 1st of every month"
        var j = i;
        if (IsWord(t, j, "the"))
        {
            j++;
        }

        if (At(t, j) is { IsOrdinal: true } || IsWord(t, j, "last"))
        {
            var nth = IsWord(t, j, "last") ? -1 : At(t, j)!.Number!.Value;
            var k = j + 1;
            var weekday = At(t, k) is { } wd && WeekdayNames.TryGetValue(wd.Text, out var d) ? d : IsoDayOfWeek.None;
            if (weekday != IsoDayOfWeek.None)
            {
                k++;
            }

            if (IsWord(t, k, "of") && IsWord(t, k + 1, "every", "each", "the") && IsWord(t, k + 2, "month"))
            {
                return weekday != IsoDayOfWeek.None
                    ? (k + 3, new RecurrencePiece("MONTHLY", 1, [weekday], nth, 0))
                    : nth > 0 ? (k + 3, new RecurrencePiece("MONTHLY", 1, [], 0, nth)) : null;
            }
        }

        if (!IsWord(t, i, "every", "each"))
        {
            return null;
        }

        j = i + 1;
        var interval = 1;
        if (IsWord(t, j, "other"))
        {
            interval = 2;
            j++;
        }
        else if (At(t, j) is { Number: { } n and > 1 } && !At(t, j)!.IsOrdinal)
        {
            interval = n;
            j++;
        }
        else if (At(t, j) is { IsOrdinal: true, Number: { } o } && IsWord(t, j + 1, "week", "day", "month"))
        {
            interval = o;
            j++;
        }

        var text = At(t, j)?.Text;
        switch (text)
        {
            case "day" or "days" or "morning" or "evening" or "night":
                return (text is "day" or "days" ? j + 1 : j, new RecurrencePiece("DAILY", interval, [], 0, 0));
            case "weekday" or "weekdays" or "workday" or "workdays":
                return (j + 1, new RecurrencePiece("WEEKLY", interval, Workdays, 0, 0));
            case "week" or "weeks":
                return (j + 1, new RecurrencePiece("WEEKLY", interval, [], 0, 0));
            case "hour" or "hours":
                return (j + 1, new RecurrencePiece("HOURLY", interval, [], 0, 0));
            case "month" or "months":
                return (j + 1, new RecurrencePiece("MONTHLY", interval, [], 0, 0));
            case "year" or "years":
                return (j + 1, new RecurrencePiece("YEARLY", interval, [], 0, 0));
            case "weekend":
                return (j + 1, new RecurrencePiece("WEEKLY", interval, [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], 0, 0));
        }

        var days = new List<IsoDayOfWeek>();
        while (At(t, j) is { } day && WeekdayNames.TryGetValue(day.Text.TrimEnd('s'), out var dow))
        {
            days.Add(dow);
            j++;
            if (IsWord(t, j, "and", "or") && At(t, j + 1) is { } after && WeekdayNames.ContainsKey(after.Text.TrimEnd('s')))
            {
                j++;
            }
        }

        return days.Count > 0 ? (j, new RecurrencePiece("WEEKLY", interval, days, 0, 0)) : null;
    }

    private static readonly IsoDayOfWeek[] Workdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static (int End, Piece Piece)? MatchCount(IReadOnlyList<Token> t, int i)
    {
        if (IsWord(t, i, "for") && At(t, i + 1) is { Number: { } n, IsOrdinal: false } && IsWord(t, i + 2, "weeks", "days", "months", "times", "sessions", "occurrences"))
        {
            return (i + 3, new CountPiece(n));
        }

        return At(t, i) is { Number: { } m, IsOrdinal: false } && IsWord(t, i + 1, "times", "occurrences") ? (i + 2, new CountPiece(m)) : null;
    }

    private static (int End, Piece Piece)? MatchRange(IReadOnlyList<Token> t, int i)
    {
        if (!IsWord(t, i, "from", "between"))
        {
            return null;
        }

        var from = ReadClock(t, i + 1, bareAllowed: true);
        if (from is null || !IsWord(t, from.Value.End, "to", "and", "till", "until", "til", "through"))
        {
            return null;
        }

        var to = ReadClock(t, from.Value.End + 1, bareAllowed: true);
        return to is null ? null : (to.Value.End, new RangePiece(from.Value.Clock, to.Value.Clock));
    }

    /// <summary>"in 2 hours", "in half an hour" (from now); "in 3 days", "in two weeks" (a day).</summary>
    private static (int End, Piece Piece)? MatchOffset(IReadOnlyList<Token> t, int i)
    {
        if (!IsWord(t, i, "in", "within"))
        {
            return null;
        }

        var amount = ReadAmount(t, i + 1);
        if (amount is null)
        {
            return null;
        }

        var (end, value, unit) = amount.Value;
        if (unit == "week" && WeekdayAfter(t, end) is { } named)
        {
            // "in two weeks on Monday": that weekday of the ISO week two weeks on.
            return (named.End, new DayPiece(DayKind.WeekdayOfWeek, value / (7 * 1440), Weekday: named.Weekday));
        }

        return unit switch
        {
            "minute" => (end, new OffsetPiece(Duration.FromMinutes(value))),
            "hour" => (end, new OffsetPiece(Duration.FromMinutes(value))),
            "day" => (end, new DayPiece(DayKind.Relative, value / 1440)),
            "week" => (end, new DayPiece(DayKind.Relative, value / 1440)),
            _ => null,
        };
    }

    /// <summary>"[on] Monday", "[on] the Monday" at <paramref name="i"/>.</summary>
    private static (int End, IsoDayOfWeek Weekday)? WeekdayAfter(IReadOnlyList<Token> t, int i)
    {
        var j = IsWord(t, i, "on") ? i + 1 : i;
        j = IsWord(t, j, "the") ? j + 1 : j;
        return At(t, j) is { } w && WeekdayNames.TryGetValue(w.Text, out var day) ? (j + 1, day) : null;
    }

    /// <summary>+1 for "later", "back", "out"; -1 for "earlier", "forward", "up"; 0 for other words.</summary>
    internal static int Direction(Token? token) => token?.Text switch
    {
        "later" or "back" or "out" or "over" => 1,
        "earlier" or "sooner" or "forward" or "forwards" or "up" or "ahead" => -1,
        _ => 0,
    };

    /// <summary>
    /// A move by an amount: "an hour later", "30 minutes earlier", "back 30 minutes", "forward by a day" (after a verb that moves
    /// things), and with no direction word "push it an hour", "delay the call by 20 minutes" (the verb's way: later) at the end of a clause.
    /// </summary>
    private static (int End, Piece Piece)? MatchShift(IReadOnlyList<Token> t, int i)
    {
        var start = IsWord(t, i, "by") ? i + 1 : i;
        var verb = MoveVerbBefore(t, i);
        if (ReadAmount(t, start) is { } amount)
        {
            var after = Direction(At(t, amount.End));
            if (after != 0 && !IsWord(t, amount.End + 1, NotAShift) && (verb >= 0 || !IsWord(t, amount.End, "up", "ahead", "out", "back", "forward")))
            {
                return (amount.End + 1, new ShiftPiece(after * amount.Minutes));
            }

            // "push it an hour", "postpone the review by a week": not "a 30 minute call" (a length), not "make it 30 minutes" (a resize).
            var ends = At(t, amount.End) is null || t[amount.End - 1].BreakAfter || IsWord(t, amount.End, ShiftFollowers);
            if (verb >= 0 && t[verb].Is(PushVerbs) && ends && !IsWord(t, i - 1, "to", "for", "in", "within", "till", "until"))
            {
                return (amount.End, new ShiftPiece(DirectionAfter(t, verb, i) * amount.Minutes));
            }
        }

        var direction = Direction(At(t, i));
        if (direction == 0 || verb < 0)
        {
            return null;
        }

        var from = IsWord(t, i + 1, "by") ? i + 2 : i + 1;
        return ReadAmount(t, from) is { } moved ? (moved.End, new ShiftPiece(direction * moved.Minutes)) : null;
    }

    /// <summary>The verb that moves an event, within a few words before <paramref name="i"/> and with no "to" between; -1 if none.</summary>
    private static int MoveVerbBefore(IReadOnlyList<Token> t, int i)
    {
        for (var k = Math.Min(i, t.Count) - 1; k >= 0 && k >= i - 7; k--)
        {
            if (t[k].Is("to", "till", "until", "from"))
            {
                return -1;
            }

            if (t[k].Is(MoveWords))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The direction said between the verb and the amount ("push back the review by an hour"), else the verb's own.</summary>
    private static int DirectionAfter(IReadOnlyList<Token> t, int verb, int i)
    {
        for (var k = verb + 1; k < i; k++)
        {
            if (Direction(t[k]) is not 0 and var d)
            {
                return d;
            }
        }

        return t[verb].Is("bring", "pull") ? -1 : 1;
    }

    private static (int End, Piece Piece)? MatchDuration(IReadOnlyList<Token> t, int i)
    {
        var start = IsWord(t, i, "for") ? i + 1 : i;
        var amount = ReadAmount(t, start);
        if (amount is null || amount.Value.Unit is not ("minute" or "hour"))
        {
            return null;
        }

        var (end, minutes, _) = amount.Value;
        if (IsWord(t, end, "later", "earlier", "sooner", "back", "forward", "ahead") && !IsWord(t, end + 1, NotAShift))
        {
            return null;
        }

        if (IsWord(t, end, "before", "early", "ahead", "beforehand", "prior"))
        {
            return (IsWord(t, end + 1, "of", "it") ? end + 2 : end + 1, new BeforePiece(minutes));
        }

        return (IsWord(t, end, "long") ? end + 1 : end, new DurationPiece(minutes));
    }

    /// <summary>An amount of time in minutes with its unit: "45 minutes", "an hour and a half", "two-hour", "90 min".</summary>
    private static (int End, int Minutes, string Unit)? ReadAmount(IReadOnlyList<Token> t, int i)
    {
        var j = i;
        double count;
        if (IsWord(t, j, "half") && IsWord(t, j + 1, "an", "a") && IsWord(t, j + 2, "hour"))
        {
            return (j + 3, 30, "hour");
        }

        if (IsWord(t, j, "a", "an") && IsWord(t, j + 1, "half") && IsWord(t, j + 2, "hour"))
        {
            return (j + 3, 30, "hour");
        }

        if (IsWord(t, j, "a", "an"))
        {
            count = 1;
            j++;
        }
        else if (At(t, j) is { Number: { } n, IsOrdinal: false })
        {
            count = n;
            j++;
        }
        else if (IsWord(t, j, "couple") || (IsWord(t, j, "a") && IsWord(t, j + 1, "couple")))
        {
            count = 2;
            j += IsWord(t, j, "a") ? 2 : 1;
            if (IsWord(t, j, "of"))
            {
                j++;
            }
        }
        else
        {
            return null;
        }

        if (IsWord(t, j, "and") && IsWord(t, j + 1, "a") && IsWord(t, j + 2, "half"))
        {
            count += 0.5;
            j += 3;
        }

        if (IsWord(t, j, "free", "spare", "open", "full", "whole", "more"))
        {
            j++;
        }

        var unit = At(t, j)?.Text switch
        {
            "minute" or "minutes" or "min" or "mins" => "minute",
            "hour" or "hours" or "hr" or "hrs" => "hour",
            "day" or "days" => "day",
            "week" or "weeks" => "week",
            _ => null,
        };
        if (unit is null)
        {
            return null;
        }

        j++;
        if (unit == "hour" && IsWord(t, j, "and") && IsWord(t, j + 1, "a") && IsWord(t, j + 2, "half"))
        {
            count += 0.5;
            j += 3;
        }

        var minutes = unit switch
        {
            "minute" => count,
            "hour" => count * 60,
            "day" => count * 1440,
            _ => count * 7 * 1440,
        };
        return (j, (int)Math.Round(minutes), unit);
    }

    private static (int End, Piece Piece)? MatchClock(IReadOnlyList<Token> t, int i)
    {
        var bare = i > 0 && (ClockLeads.Contains(t[i - 1].Text) || t[i - 1].Is("today", "tomorrow", "tonight") || WeekdayNames.ContainsKey(t[i - 1].Text)
            || (IsWord(t, i - 1, "for") && IsWord(t, i - 2, "alarm", "alarms", "reminder", "wakeup")));
        var clock = ReadClock(t, i, bare);
        if (clock is null && i > 0 && t[i - 1].Is("my", "the", "our") && ReadClock(t, i, bareAllowed: true) is { } named
            && At(t, named.End) is { } noun && noun.Number is null && !IsUnit(noun) && !noun.Is("of", "and", "or", "on")
            && (!noun.Is("to") || IsWord(t, i - 2, PushVerbs)))
        {
            clock = named;
        }

        return clock is null ? null : (clock.Value.End, clock.Value.Clock);
    }

    /// <summary>
    /// A clock time at <paramref name="i"/>: "noon", "half past three", "quarter to ten", "3:30", "15:00", "3 pm",
    /// "three o'clock"; a bare hour ("7", "four thirty") only where the words around say it is a time.
    /// </summary>
    internal static (int End, ClockPiece Clock)? ReadClock(IReadOnlyList<Token> t, int i, bool bareAllowed)
    {
        var token = At(t, i);
        if (token is null)
        {
            return null;
        }

        switch (token.Text)
        {
            case "noon" or "midday":
                return (i + 1, new ClockPiece(12, 0, Meridiem.None, true));
            case "midnight":
                return (i + 1, new ClockPiece(0, 0, Meridiem.None, true));
        }

        var j = i;
        if (IsWord(t, j, "a") && IsWord(t, j + 1, "quarter"))
        {
            j++;
        }

        if (IsWord(t, j, "half", "quarter") || (At(t, j) is { Number: > 0 and < 60 } && (IsWord(t, j + 1, "past", "after") || (IsWord(t, j + 1, "minutes") && IsWord(t, j + 2, "past", "after", "to", "before")))))
        {
            var minutes = At(t, j)!.Text switch { "half" => 30, "quarter" => 15, _ => At(t, j)!.Number!.Value };
            var k = j + 1;
            if (IsWord(t, k, "minutes"))
            {
                k++;
            }

            if (IsWord(t, k, "past", "after", "to", "before") && ReadHour(t, k + 1) is { } hourRead)
            {
                var before = IsWord(t, k, "to", "before");
                if (before && minutes == 30)
                {
                    return null;
                }

                var (end, hour) = hourRead;
                var meridiem = ReadMeridiem(t, ref end);
                return (end, before ? new ClockPiece(hour, 0, meridiem, false) { MinutesBefore = minutes } : new ClockPiece(hour, minutes, meridiem, false));
            }

            if (IsWord(t, j, "half", "quarter"))
            {
                return null;
            }
        }

        if (token.Text.Length is >= 3 and <= 5 && (token.Text.Contains(':', StringComparison.Ordinal) || (token.Text.Contains('.', StringComparison.Ordinal) && char.IsAsciiDigit(token.Text[0]))))
        {
            var parts = token.Text.Split(':', '.');
            if (parts.Length == 2 && int.TryParse(parts[0], out var h) && int.TryParse(parts[1], out var m) && h < 24 && m < 60 && parts[1].Length == 2)
            {
                var end = i + 1;
                var meridiem = ReadMeridiem(t, ref end);
                var exact = meridiem == Meridiem.None && (h >= 13 || h == 0 || parts[0].StartsWith('0'));
                return (end, new ClockPiece(h, m, meridiem, exact));
            }

            return null;
        }

        if (token is { Number: { } hour24, IsOrdinal: false } && token.Text.Length == 4 && hour24 / 100 < 24 && hour24 % 100 < 60 && IsWord(t, i + 1, "hours"))
        {
            return (i + 2, new ClockPiece(hour24 / 100, hour24 % 100, Meridiem.None, true));
        }

        if (token is not { Number: { } hr and >= 0 and <= 24, IsOrdinal: false })
        {
            return null;
        }

        var after = i + 1;
        var minute = 0;
        if (At(t, after) is { Number: { } mm and >= 10 and < 60, IsOrdinal: false } && !IsUnit(At(t, after + 1)) && hr <= 12)
        {
            minute = mm;
            after++;
        }
        else if (IsWord(t, after, "oh") && At(t, after + 1) is { Number: { } om and < 10 })
        {
            minute = om;
            after += 2;
        }

        var mer = ReadMeridiem(t, ref after);
        if (IsWord(t, after, "o'clock"))
        {
            after++;
            mer = mer == Meridiem.None ? ReadMeridiem(t, ref after) : mer;
            return (after, new ClockPiece(hr, minute, mer, false));
        }

        if (mer != Meridiem.None && hr <= 12)
        {
            return (after, new ClockPiece(hr, minute, mer, false));
        }

        if (bareAllowed && !IsUnit(At(t, after)) && (hr <= 12 || minute == 0) && !IsWord(t, after, "people", "of", "percent", "degrees", "th"))
        {
            return (after, new ClockPiece(hr, minute, Meridiem.None, hr > 12));
        }

        return null;
    }

    private static (int End, int Hour)? ReadHour(IReadOnlyList<Token> t, int i) =>
        At(t, i) is { Number: { } h and >= 1 and <= 12, IsOrdinal: false } ? (i + 1, h) : null;

    private static Meridiem ReadMeridiem(IReadOnlyList<Token> t, ref int i)
    {
        if (IsWord(t, i, "am", "a"))
        {
            i += IsWord(t, i + 1, "m") ? 2 : 1;
            return Meridiem.Am;
        }

        if (IsWord(t, i, "pm", "p"))
        {
            i += IsWord(t, i + 1, "m") ? 2 : 1;
            return Meridiem.Pm;
        }

        return Meridiem.None;
    }

    private static bool IsUnit(Token? t) =>
        t?.Is("minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month", "months", "degrees", "percent", "people", "times") == true;

    private static (int End, Piece Piece)? MatchPart(IReadOnlyList<Token> t, int i)
    {
        if (IsWord(t, i, "tonight", "tonite"))
        {
            return (i + 1, new PartPiece(DayPart.Night, true));
        }

        if (IsWord(t, i, "all", "full", "whole") && IsWord(t, i + 1, "day"))
        {
            return (i + 2, new AllDayPiece());
        }

        var today = IsWord(t, i, "this");
        var j = today ? i + 1 : i;
        var afterDay = i > 0 && (t[i - 1].Is("today", "tomorrow", "yesterday", "every", "each", "on", "my") || WeekdayNames.ContainsKey(t[i - 1].Text));
        if (!today && IsWord(t, j, "in") && IsWord(t, j + 1, "the"))
        {
            j += 2;
        }
        else if (!today && IsWord(t, j, "at") && IsWord(t, j + 1, "night"))
        {
            j++;
        }

        DayPart? part = At(t, j)?.Text switch
        {
            "morning" => DayPart.Morning,
            "afternoon" => DayPart.Afternoon,
            "evening" => DayPart.Evening,
            "night" => DayPart.Night,
            _ => null,
        };
        return part is { } p && (j > i || afterDay) ? (j + 1, new PartPiece(p, today)) : null;
    }

    /// <summary>"this month", "next month", "last month", "later this month", "the rest of the month".</summary>
    private static (int End, Piece Piece)? MatchMonth(IReadOnlyList<Token> t, int i)
    {
        var j = i;
        var rest = false;
        if (IsWord(t, j, "later") && IsWord(t, j + 1, "this", "in"))
        {
            rest = true;
            j++;
        }
        else if (IsWord(t, j, "the") && IsWord(t, j + 1, "rest") && IsWord(t, j + 2, "of"))
        {
            rest = true;
            j += 3;
        }
        else if (IsWord(t, j, "rest") && IsWord(t, j + 1, "of"))
        {
            rest = true;
            j += 2;
        }

        var months = 0;
        if (IsWord(t, j, "next", "following"))
        {
            months = 1;
            j++;
        }
        else if (IsWord(t, j, "last", "previous") && !rest)
        {
            months = -1;
            j++;
        }
        else if (IsWord(t, j, "this", "the", "coming"))
        {
            j++;
        }
        else if (!rest)
        {
            return null;
        }

        return IsWord(t, j, "month") && !IsWord(t, j + 1, "of") ? (j + 1, new MonthPiece(months, rest && months == 0)) : null;
    }

    private static (int End, Piece Piece)? MatchWeek(IReadOnlyList<Token> t, int i)
    {
        var j = i;
        var weeks = 0;
        if (IsWord(t, j, "the") && IsWord(t, j + 1, "week", "weekend") && IsWord(t, j + 2, "after") && IsWord(t, j + 3, "next"))
        {
            return (j + 4, new WeekPiece(t[j + 1].Text == "weekend", 2));
        }

        if (IsWord(t, j, "this", "the") && IsWord(t, j + 1, "coming"))
        {
            j += 2;
        }
        else if (IsWord(t, j, "next", "following"))
        {
            weeks = 1;
            j++;
        }
        else if (IsWord(t, j, "last", "previous"))
        {
            weeks = -1;
            j++;
        }
        else if (IsWord(t, j, "this", "the", "coming"))
        {
            j++;
        }

        if (IsWord(t, j, "week"))
        {
            return (j + 1, new WeekPiece(false, weeks));
        }

        return IsWord(t, j, "weekend") ? (j + 1, new WeekPiece(true, weeks)) : null;
    }

    /// <summary>A day, then what may follow it: "Friday after next", "Monday next week", "Monday of next week".</summary>
    internal static (int End, Piece Piece)? MatchDay(IReadOnlyList<Token> t, int i)
    {
        // "a week from Friday", "two weeks from tomorrow", "3 days after Christmas"
        if (ReadAmount(t, i) is { Unit: "day" or "week" } amount && IsWord(t, amount.End, "from", "after") && MatchDay(t, amount.End + 1) is { Piece: DayPiece fromDay } later)
        {
            return (later.End, fromDay with { Plus = fromDay.Plus + (amount.Minutes / 1440) });
        }

        if (MatchSingleDay(t, i) is not { Piece: DayPiece day } found)
        {
            return null;
        }

        var end = found.End;
        if (day is { Kind: DayKind.Weekday, Last: false, This: false, Next: false })
        {
            if (IsWord(t, end, "after") && IsWord(t, end + 1, "next"))
            {
                return (end + 2, day with { Plus = 7 });
            }

            var k = IsWord(t, end, "of") ? end + 1 : end;
            if (IsWord(t, k, "next", "this") && IsWord(t, k + 1, "week"))
            {
                return (k + 2, new DayPiece(DayKind.WeekdayOfWeek, t[k].Text == "next" ? 1 : 0, Weekday: day.Weekday));
            }
        }

        return found;
    }

    private static (int End, Piece Piece)? MatchSingleDay(IReadOnlyList<Token> t, int i)
    {
        if (MatchHoliday(t, i) is { } holiday)
        {
            return holiday;
        }

        switch (At(t, i)?.Text)
        {
            case "today":
                return (i + 1, new DayPiece(DayKind.Relative, 0));
            case "tomorrow":
                return (i + 1, new DayPiece(DayKind.Relative, 1));
            case "yesterday":
                return (i + 1, new DayPiece(DayKind.Relative, -1));
        }

        var j = IsWord(t, i, "the") ? i + 1 : i;
        if (IsWord(t, j, "day") && IsWord(t, j + 1, "after") && IsWord(t, j + 2, "tomorrow"))
        {
            return (j + 3, new DayPiece(DayKind.Relative, 2));
        }

        // Weekdays: "Friday", "this Friday", "next Friday", "this coming Friday".
        j = i;
        var thisWeek = false;
        var last = false;
        var next = false;
        if (IsWord(t, j, "last", "past", "previous") && At(t, j + 1) is { } lw && WeekdayNames.ContainsKey(lw.Text))
        {
            last = true;
            j++;
        }
        else if (IsWord(t, j, "this", "the") && IsWord(t, j + 1, "coming"))
        {
            j += 2;
        }
        else if (IsWord(t, j, "next"))
        {
            next = true;
            j++;
        }
        else if (IsWord(t, j, "coming"))
        {
            j++;
        }
        else if (IsWord(t, j, "this"))
        {
            thisWeek = true;
            j++;
        }

        if (At(t, j) is { } w && WeekdayNames.TryGetValue(w.Text, out var dow))
        {
            return (j + 1, new DayPiece(DayKind.Weekday, 0, Weekday: dow, This: thisWeek, Last: last) { Next = next });
        }

        // "the first Monday of December", "the last Friday in March"
        j = IsWord(t, i, "the") ? i + 1 : i;
        if ((At(t, j) is { IsOrdinal: true, Number: >= 1 and <= 5 } || IsWord(t, j, "last")) && At(t, j + 1) is { } nthDay
            && WeekdayNames.TryGetValue(nthDay.Text, out var nthWeekday) && IsWord(t, j + 2, "of", "in") && At(t, j + 3) is { } nthMonth
            && Months.TryGetValue(nthMonth.Text, out var inMonth))
        {
            return (j + 4, new DayPiece(DayKind.NthWeekday, IsWord(t, j, "last") ? -1 : t[j].Number!.Value, inMonth, nthWeekday));
        }

        // "December 3rd", "Dec 3", "the 3rd of December", "3 December", "the 15th", "3/12".
        j = IsWord(t, i, "the") ? i + 1 : i;
        if (At(t, j) is { } monthWord && Months.TryGetValue(monthWord.Text, out var month))
        {
            var k = IsWord(t, j + 1, "the") ? j + 2 : j + 1;
            if (At(t, k) is { Number: { } day and >= 1 and <= 31 } dayToken && (dayToken.IsOrdinal || dayToken.Text.Length <= 2))
            {
                k++;
                if (At(t, k) is { Number: >= 2000 and < 2100 })
                {
                    k++;
                }

                return (k, new DayPiece(DayKind.MonthDay, day, month));
            }

            return null;
        }

        if (At(t, j) is { Number: { } dom and >= 1 and <= 31 } domToken && (domToken.IsOrdinal || IsWord(t, j + 1, "of") || (At(t, j + 1) is { } m1 && Months.ContainsKey(m1.Text))))
        {
            var k = IsWord(t, j + 1, "of") ? j + 2 : j + 1;
            if (At(t, k) is { } m2 && Months.TryGetValue(m2.Text, out var month2))
            {
                return (k + 1, new DayPiece(DayKind.MonthDay, dom, month2));
            }

            if (domToken.IsOrdinal && (j > i || i == 0 || IsWord(t, i - 1, "on", "for", "the", "until", "except", "by")) && !(At(t, j + 1) is { } wd && WeekdayNames.ContainsKey(wd.Text)))
            {
                return (j + 1, new DayPiece(DayKind.DayOfMonth, dom));
            }
        }

        if (At(t, i) is { } slash && slash.Text.Count(c => c == '/') is 1 or 2)
        {
            var parts = slash.Text.Split('/');
            if (int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var b))
            {
                var (mon, d) = a > 12 ? (b, a) : (a, b);
                if (mon is >= 1 and <= 12 && d is >= 1 and <= 31)
                {
                    return (i + 1, new DayPiece(DayKind.MonthDay, d, mon));
                }
            }
        }

        return null;
    }

    /// <summary>Christmas (Eve), New Year's Eve/Day, Halloween, Valentine's Day, Independence Day, Thanksgiving (US).</summary>
    private static (int End, Piece Piece)? MatchHoliday(IReadOnlyList<Token> t, int i)
    {
        var j = IsWord(t, i, "on", "for") ? i + 1 : i;
        (int Length, DayPiece Day)? found = At(t, j)?.Text switch
        {
            "christmas" or "xmas" when IsWord(t, j + 1, "eve") => (2, new DayPiece(DayKind.MonthDay, 24, 12)),
            "christmas" or "xmas" => (IsWord(t, j + 1, "day") ? 2 : 1, new DayPiece(DayKind.MonthDay, 25, 12)),
            "new" when IsWord(t, j + 1, "year's", "years", "year") && IsWord(t, j + 2, "eve") => (3, new DayPiece(DayKind.MonthDay, 31, 12)),
            "new" when IsWord(t, j + 1, "year's", "years") => (IsWord(t, j + 2, "day") ? 3 : 2, new DayPiece(DayKind.MonthDay, 1, 1)),
            "new" when IsWord(t, j + 1, "year") && IsWord(t, j + 2, "day") => (3, new DayPiece(DayKind.MonthDay, 1, 1)),
            "nye" => (1, new DayPiece(DayKind.MonthDay, 31, 12)),
            "halloween" => (1, new DayPiece(DayKind.MonthDay, 31, 10)),
            "valentine's" or "valentines" or "valentine" when IsWord(t, j + 1, "day") => (2, new DayPiece(DayKind.MonthDay, 14, 2)),
            "independence" when IsWord(t, j + 1, "day") => (2, new DayPiece(DayKind.MonthDay, 4, 7)),
            "thanksgiving" => (IsWord(t, j + 1, "day") ? 2 : 1, new DayPiece(DayKind.NthWeekday, 4, 11, IsoDayOfWeek.Thursday)),
            _ => null,
        };
        if (found is not { } f)
        {
            return null;
        }

        var end = j + f.Length;
        var inName = At(t, end) is { Number: null } next && !next.Is(HolidayFollowers) && !WeekdayNames.ContainsKey(next.Text) && !Months.ContainsKey(next.Text);
        return (end, f.Day with { InName = inName });
    }

    private static readonly string[] HolidayFollowers =
    [
        "on", "at", "in", "for", "with", "from", "to", "and", "or", "this", "next", "last", "every", "each", "morning", "afternoon", "evening",
        "night", "noon", "tonight", "until", "till", "except", "starting", "about", "by", "around", "is", "am", "pm", "please", "week", "weekend",
        "break", "holidays", "holiday", "instead", "then", "too", "also", "remind", "do", "did", "will",
    ];

    private static (int End, Piece Piece)? MatchZone(IReadOnlyList<Token> t, int i)
    {
        var w = At(t, i)?.Text;
        if (w is null)
        {
            return null;
        }

        string? id = w switch
        {
            "pacific" or "pt" or "pst" or "pdt" => "America/Los_Angeles",
            "eastern" or "et" or "est" or "edt" => "America/New_York",
            "central" or "ct" or "cst" or "cdt" => "America/Chicago",
            "mountain" or "mt" or "mst" or "mdt" => "America/Denver",
            "utc" or "gmt" or "zulu" => "Etc/UTC",
            "cet" or "cest" => "Europe/Berlin",
            "ist" => "Asia/Kolkata",
            "jst" => "Asia/Tokyo",
            _ => null,
        };
        if (id is not null)
        {
            var end = IsWord(t, i + 1, "time", "timezone") ? i + 2 : i + 1;
            if (w is "pacific" or "eastern" or "central" or "mountain" && end == i + 1 && !(i > 0 && t[i - 1].Is("am", "pm", "noon", "m", "o'clock") || (i > 0 && t[i - 1].Number is not null)))
            {
                return null;
            }

            return (end, new ZonePiece(DateTimeZoneProviders.Tzdb[id]));
        }

        // "<city> time": any IANA zone's city, "London time", "New York time".
        foreach (var length in new[] { 3, 2, 1 })
        {
            if (i + length < t.Count && IsWord(t, i + length, "time", "timezone"))
            {
                var name = string.Join(' ', t.Skip(i).Take(length).Select(x => x.Text));
                if (ZoneNames.TryGetValue(name, out var zoneId))
                {
                    return (i + length + 1, new ZonePiece(DateTimeZoneProviders.Tzdb[zoneId]));
                }
            }
        }

        return null;
    }

    private static Dictionary<string, IsoDayOfWeek> BuildWeekdays()
    {
        var map = new Dictionary<string, IsoDayOfWeek>(StringComparer.Ordinal);
        for (var d = 0; d < 7; d++)
        {
            map[Weekdays[d]] = (IsoDayOfWeek)(d + 1);
        }

        map["tues"] = IsoDayOfWeek.Tuesday;
        map["weds"] = IsoDayOfWeek.Wednesday;
        map["thurs"] = IsoDayOfWeek.Thursday;
        return map;
    }

    private static Dictionary<string, int> BuildMonths()
    {
        string[] names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < 12; m++)
        {
            map[names[m]] = m + 1;
            if (names[m] != "may")
            {
                map[names[m][..3]] = m + 1;
            }
        }

        map["sept"] = 9;
        map.Remove("mar");
        return map;
    }

    private static Dictionary<string, string> BuildZones()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in DateTimeZoneProviders.Tzdb.Ids)
        {
            var slash = id.LastIndexOf('/');
            if (slash > 0 && !id.StartsWith("Etc/", StringComparison.Ordinal))
            {
                map.TryAdd(id[(slash + 1)..].Replace('_', ' ').ToLowerInvariant(), id);
            }
        }

        map["india"] = "Asia/Kolkata";
        map["japan"] = "Asia/Tokyo";
        map["uk"] = "Europe/London";
        return map;
    }
}

/// <summary>The contract's clock rules (interpret.md, "Conventions for resolving time", 1).</summary>
internal static class Clocks
{
    /// <summary>A bare hour: 1–6 → pm, 7–11 → am, 12 → noon.</summary>
    public static int DefaultHour(int hour) => hour is >= 1 and <= 6 ? hour + 12 : hour;

    public static LocalTime Resolve(ClockPiece clock, DayPart? part)
    {
        var h = clock.Hour;
        if (!clock.Exact)
        {
            h = clock.Meridiem switch
            {
                Meridiem.Pm => h < 12 ? h + 12 : h,
                Meridiem.Am => h == 12 ? 0 : h,
                _ => part switch
                {
                    DayPart.Morning => h == 12 ? 0 : h,
                    DayPart.Afternoon or DayPart.Evening or DayPart.Night => h < 12 ? h + 12 : h,
                    _ => DefaultHour(h),
                },
            };
        }

        return new LocalTime(h % 24, clock.Minute).PlusMinutes(-clock.MinutesBefore);
    }
}
