namespace CleanAssistant.Application.Interpretation;

/// <summary>Fills each intent's slots from the utterance: time expressions through the resolver, the rest from the words.</summary>
internal static class SlotFiller
{
    /// <summary>Words that end a title, a name list or a place.</summary>
    private static readonly string[] Stops =
        ["with", "at", "on", "for", "from", "to", "every", "each", "except", "until", "starting", "between", "and", "about", "regarding", "called", "named", "titled", "in", "by"];

    private static readonly HashSet<string> Leading = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "my", "our", "his", "her", "their", "your", "this", "that", "some", "to", "about", "of", "for", "on", "at", "up",
        "out", "off", "in", "with", "from", "and", "called", "named", "titled", "event", "me", "i", "it", "that", "is", "are", "can't", "cant",
        "cannot", "won't", "make", "be", "able", "go", "attend", "need", "want", "have", "got", "gotta", "must", "should", "during", "what",
        "back", "forward", "ahead",
    };

    private static readonly HashSet<string> Trailing = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "on", "at", "in", "for", "to", "from", "with", "and", "by", "of", "my", "our", "is", "it", "please",
        "back", "forward", "ahead", "over", "out",
    };

    private static readonly HashSet<string> NotPeople = new(StringComparer.Ordinal)
    {
        "me", "i", "us", "we", "myself", "both", "all", "everyone", "my", "our", "you", "anyone", "anybody", "someone", "somebody", "everybody",
    };

    public static Interpretation CreateEvent(Utterance u)
    {
        var frame = u.WholeFrame;
        var verb = IntentClassifier.FirstCreateVerb(u);
        var moment = u.Resolver.Start(frame, reminder: false);
        var title = Called(u) ?? FirstRun(u, verb + 1, u.Tokens.Count);
        return new Interpretation(Intent.CreateEvent)
        {
            Title = title,
            Start = moment?.Start,
            End = moment?.End,
            AllDay = moment is { AllDay: true } ? true : null,
            DurationMinutes = frame.Duration?.Minutes,
            Attendees = With(u),
            Location = Location(u),
            Recurrence = moment?.Rule,
            ExceptDates = frame.Except.Count > 0 ? [.. frame.Except.Select(d => u.Resolver.Date(d))] : null,
            ReminderMinutesBefore = frame.Before?.Minutes,
        };
    }

    public static Interpretation CreateReminder(Utterance u)
    {
        var frame = u.WholeFrame;
        var cue = u.IndexOf("remind", "reminder", "alarm", "nudge", "wake");
        var moment = u.Resolver.Start(frame, reminder: true);
        // "remind me to call Bob", or what comes before the cue: "a flight reminder for 6 am".
        var title = LongestRun(u, cue + 1, u.Tokens.Count) ?? (cue > 0 ? LongestRun(u, 0, cue) : null);
        return new Interpretation(Intent.CreateReminder)
        {
            Title = title,
            RemindAt = moment?.Start,
            Recurrence = moment?.Rule,
        };
    }

    public static Interpretation QueryAgenda(Utterance u)
    {
        var range = u.Resolver.QueryRange(u.WholeFrame);
        return new Interpretation(Intent.QueryAgenda)
        {
            RangeStart = range?.Start,
            RangeEnd = range?.End,
            Attendees = With(u),
        };
    }

    public static Interpretation FindFreeTime(Utterance u)
    {
        var frame = u.WholeFrame;
        var range = u.Resolver.QueryRange(frame);
        return new Interpretation(Intent.FindFreeTime)
        {
            DurationMinutes = frame.Duration?.Minutes,
            RangeStart = range?.Start,
            RangeEnd = range?.End,
            Attendees = With(u) ?? FreePeople(u),
        };
    }

    public static Interpretation CancelEvent(Utterance u)
    {
        var verb = u.IndexOf(IntentClassifier.CancelVerbs);
        if (verb < 0)
        {
            verb = u.IndexOf("call", "rid");
        }

        var title = FirstRun(u, verb + 1, u.Tokens.Count, keepWith: true) ?? FirstRun(u, 0, Math.Max(verb, 0), keepWith: true);
        return new Interpretation(Intent.CancelEvent) { Target = Target(u, u.WholeFrame, title) };
    }

    public static Interpretation RescheduleEvent(Utterance u)
    {
        var verb = u.IndexOf(IntentClassifier.MoveVerbs);
        var pivot = u.IndexOf(verb + 1, "to", "till", "until");
        if (pivot < 0)
        {
            // "reschedule my haircut for next Saturday": the time said after "for" is the new one.
            pivot = u.Spans.Find(s => s.Start > verb && u.Tokens[s.Start].Text == "for" && s.Piece is not (DurationPiece or ShiftPiece))?.Start ?? -1;
        }

        var end = pivot > 0 ? pivot : u.Tokens.Count;
        var left = u.FrameOf(0, end);
        var right = pivot > 0 ? u.FrameOf(pivot, u.Tokens.Count) : new Frame();
        var title = FirstRun(u, verb + 1, end, keepWith: true);
        var target = Target(u, left, title);
        var targetDate = left.Day is { } d ? u.Resolver.Date(d) : (NodaTime.LocalDate?)null;
        var targetTime = left.Clock is { } c ? u.Resolver.Time(c, left.Part?.Part, targetDate) : (NodaTime.LocalTime?)null;

        // "push it an hour", "move the standup back 30 minutes": a relative move; the new start is known when the old one is.
        if ((left.Shift ?? right.Shift) is { } shift && !right.HasTime && right.Day is null)
        {
            return new Interpretation(Intent.RescheduleEvent)
            {
                Target = target,
                ShiftMinutes = shift.Minutes,
                NewStart = target?.Start is { } old ? u.Resolver.Shifted(old, shift.Minutes) : null,
            };
        }

        // "move the interview from 2 to 3": the range is the old time and the new one.
        if (pivot < 0 && left.Range is { } range && left.Clock is null)
        {
            var (from, to) = TimeResolver.Range(range, left.Part?.Part);
            var day = targetDate ?? u.Resolver.Today;
            target = new EventReference(title, u.Resolver.At(day, from, left.Zone?.Zone), targetDate);
            return new Interpretation(Intent.RescheduleEvent) { Target = target, NewStart = u.Resolver.At(day, to, left.Zone?.Zone) };
        }

        var moment = right.HasTime || right.Day is not null
            ? u.Resolver.Start(right, reminder: false, fallbackDate: targetDate, fallbackTime: right.HasTime ? null : targetTime)
            : null;
        return new Interpretation(Intent.RescheduleEvent)
        {
            Target = target,
            NewStart = moment is { AllDay: false } ? moment.Start : null,
            NewEnd = moment?.End,
            NewDate = right.Day is { } newDay ? u.Resolver.Date(newDay) : null,
            DurationMinutes = (right.Duration ?? left.Duration)?.Minutes,
        };
    }

    public static Interpretation UpdateEvent(Utterance u)
    {
        if (PeopleChange(u) is { } change)
        {
            var people = Names(u, change.PeopleFrom, change.PeopleTo);
            var title = FirstRun(u, change.PeopleTo + 1, u.Tokens.Count, keepWith: true);
            var target = Target(u, u.FrameOf(change.PeopleTo, u.Tokens.Count), title);
            return new Interpretation(Intent.UpdateEvent)
            {
                Target = target,
                AddAttendees = change.Add ? people : null,
                RemoveAttendees = change.Add ? null : people,
            };
        }

        var verb = u.IndexOf("rename", "retitle", "change", "set", "update", "make", "switch", "move", "relocate");
        var pivot = u.IndexOf(verb + 1, "to", "as");
        var end = pivot > 0 ? pivot : u.Tokens.Count;
        var targetStart = verb + 1;
        var field = u.IndexOf(verb + 1, "location", "title", "name", "venue", "place", "room");
        if (field > 0 && field < end)
        {
            targetStart = field + 1;
        }

        var newValue = pivot > 0 ? Phrase(u, pivot + 1, u.Tokens.Count, stopAtConsumed: true) : null;
        var isTitle = u.Has(" rename ") || u.Has(" retitle ") || (field > 0 && u.Tokens[field].Is("title", "name"));
        var targetTitle = FirstRun(u, targetStart, end, keepWith: true)
            ?? (field > verb + 1 ? FirstRun(u, verb + 1, field, keepWith: true) : null);
        return new Interpretation(Intent.UpdateEvent)
        {
            Target = Target(u, u.FrameOf(0, end), targetTitle),
            Title = isTitle ? newValue : null,
            Location = isTitle ? null : newValue,
        };
    }

    public static Interpretation SummarizeMeeting(Utterance u)
    {
        var cue = u.IndexOf("summary", "summarize", "summarise", "recap", "items", "decide", "discuss", "agree", "notes", "takeaways", "decided", "points", "talk", "discussed", "covered", "said");
        var title = FirstRun(u, cue + 1, u.Tokens.Count, keepWith: true);
        var frame = u.WholeFrame;
        var date = frame.Day is { } d ? u.Resolver.Date(d, past: true) : frame.Part is { Today: true } ? u.Resolver.Today : (NodaTime.LocalDate?)null;
        return new Interpretation(Intent.SummarizeMeeting)
        {
            Target = title is null && date is null ? null : new EventReference(title, null, date),
        };
    }

    /// <summary>"add Bob to …", "invite Carol and David to …", "remove Frank from …", "take Sofia off …".</summary>
    internal static (bool Add, int PeopleFrom, int PeopleTo)? PeopleChange(Utterance u)
    {
        var verb = u.IndexOf("add", "invite", "include", "remove", "take", "drop", "kick", "uninvite");
        if (verb < 0)
        {
            return null;
        }

        var add = u.Tokens[verb].Is("add", "invite", "include");
        var pivot = add ? u.IndexOf(verb + 1, "to") : u.IndexOf(verb + 1, "from", "off", "out");
        if (pivot < 0 && u.Tokens[verb].Text == "invite")
        {
            pivot = u.IndexOf(verb + 1, "for");
        }

        if (pivot <= verb + 1 || pivot - verb > 7)
        {
            return null;
        }

        var first = u.Tokens[verb + 1];
        if (first.Is("a", "an", "this", "that", "it") || (first.Is("my", "the") && !u.Tokens[pivot - 1].Is("team", "group", "department", "crew", "squad", "folks", "guys", "committee", "board")))
        {
            return null;
        }

        for (var i = verb + 1; i < pivot; i++)
        {
            if (u.Consumed[i])
            {
                return null;
            }
        }

        var after = pivot + 1 < u.Tokens.Count ? u.Tokens[pivot + 1] : null;
        if (after is null || (after.Is("my", "the", "our") && pivot + 2 < u.Tokens.Count && u.Tokens[pivot + 2].Is("calendar", "schedule", "agenda", "diary")))
        {
            return null;
        }

        return (add, verb + 1, pivot);
    }

    /// <summary>Words that point back at the event being talked about rather than name it.</summary>
    private static readonly HashSet<string> PointingBack = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "that", "this", "meeting", "event", "appointment", "one", "that one", "this one", "that meeting", "this meeting",
        "that event", "this event", "that appointment", "this appointment",
    };

    private static EventReference? Target(Utterance u, Frame frame, string? title)
    {
        var date = frame.Day is { } d ? u.Resolver.Date(d) : (NodaTime.LocalDate?)null;
        NodaTime.OffsetDateTime? start = null;
        if (frame.Clock is { } clock)
        {
            start = u.Resolver.At(date ?? u.Resolver.Today, u.Resolver.Time(clock, frame.Part?.Part, date), frame.Zone?.Zone);
        }

        if (title is null && date is null && start is null)
        {
            return u.IndexOf(0, "it", "that", "this", "them") >= 0 ? new EventReference(null, null, null) { PointsBack = true } : null;
        }

        // "move it", "cancel the meeting": nothing but a pointer to the event of the previous turn.
        return title is not null && date is null && start is null && PointingBack.Contains(title)
            ? new EventReference(null, null, null) { PointsBack = true }
            : new EventReference(title is "it" or "that" or "this" ? null : title, start, date);
    }

    private static string? Called(Utterance u)
    {
        var at = u.IndexOf("called", "named", "titled");
        return at < 0 ? null : Phrase(u, at + 1, u.Tokens.Count, stopAtConsumed: true);
    }

    /// <summary>The first run of words from <paramref name="from"/> that no time expression used, up to a stop word.</summary>
    private static string? FirstRun(Utterance u, int from, int to, bool keepWith = false)
    {
        var i = Math.Max(from, 0);
        while (i < to)
        {
            while (i < to && (u.Consumed[i] || Leading.Contains(u.Tokens[i].Text) || IsCalendarWord(u, i)))
            {
                i++;
            }

            var run = Phrase(u, i, to, stopAtConsumed: true, stopWords: true, keepWith: keepWith);
            if (run is not null)
            {
                return run;
            }

            i++;
        }

        return null;
    }

    /// <summary>The longest run of words that no time expression used (a reminder's text).</summary>
    private static string? LongestRun(Utterance u, int from, int to)
    {
        string? best = null;
        var i = Math.Max(from, 0);
        while (i < to)
        {
            while (i < to && (u.Consumed[i] || Leading.Contains(u.Tokens[i].Text)))
            {
                i++;
            }

            var j = i;
            while (j < to && !u.Consumed[j])
            {
                j++;
            }

            var run = Phrase(u, i, j, stopAtConsumed: true);
            if (run is not null && (best is null || run.Length > best.Length))
            {
                best = run;
            }

            i = j + 1;
        }

        return best;
    }

    private static bool IsCalendarWord(Utterance u, int i) =>
        u.Tokens[i].Is("calendar", "schedule", "agenda", "diary") || (u.Tokens[i].Is("set", "up", "book", "put", "add", "schedule", "create", "block") && i < 2);

    /// <summary>Words [from, to) as written, trimmed of articles and dangling prepositions.</summary>
    private static string? Phrase(Utterance u, int from, int to, bool stopAtConsumed, bool stopWords = false, bool keepWith = false)
    {
        var words = new List<Token>();
        for (var i = Math.Max(from, 0); i < to; i++)
        {
            if (stopAtConsumed && u.Consumed[i])
            {
                break;
            }

            var token = u.Tokens[i];
            if (stopWords && words.Count > 0 && token.Is(Stops) && !IsPartOfName(u, i) && !(keepWith && token.Text == "with"))
            {
                break;
            }

            words.Add(token);
            if (stopWords && token.BreakAfter)
            {
                break;
            }
        }

        while (words.Count > 0 && Leading.Contains(words[0].Text) && words[0].Text is not ("make" or "go"))
        {
            words.RemoveAt(0);
        }

        while (words.Count > 0 && Trailing.Contains(words[^1].Text))
        {
            words.RemoveAt(words.Count - 1);
        }

        return words.Count == 0 ? null : string.Join(' ', words.Select(w => w.Raw));
    }

    /// <summary>"check in", "one on one", "parent teacher": a stop word inside a name, not after it.</summary>
    private static bool IsPartOfName(Utterance u, int i) =>
        u.Tokens[i].Is("in", "on") && (i + 1 >= u.Tokens.Count || u.Consumed[i + 1] || u.Tokens[i + 1].Number is not null && i > 0 && u.Tokens[i - 1].Number is not null);

    /// <summary>People after "with": "with Alice and Bob", "with the design team".</summary>
    private static List<string>? With(Utterance u)
    {
        var at = u.IndexOf(0, "with");
        if (at < 0)
        {
            return null;
        }

        var end = at + 1;
        while (end < u.Tokens.Count && !u.Consumed[end] && !u.Tokens[end].Is("at", "on", "in", "for", "to", "from", "about", "every", "regarding", "this", "next", "until", "starting", "except"))
        {
            if (u.Tokens[end].Text == "and" && end + 1 < u.Tokens.Count && u.Tokens[end + 1].Is("remind", "set", "invite", "add"))
            {
                break;
            }

            end++;
        }

        return Names(u, at + 1, end);
    }

    /// <summary>"for me, Bob and Carol", "for me and Kenji to meet", "Alice and I", "is the design team free".</summary>
    private static List<string>? FreePeople(Utterance u)
    {
        var forAt = u.IndexOf(0, "for");
        if (forAt >= 0 && forAt + 1 < u.Tokens.Count && u.Tokens[forAt + 1].Is("me", "us"))
        {
            var end = forAt + 1;
            while (end < u.Tokens.Count && !u.Consumed[end] && !u.Tokens[end].Is("to", "on", "at", "in", "for", "this", "next") || end == forAt + 1)
            {
                end++;
            }

            return Names(u, forAt + 1, end);
        }

        var free = u.IndexOf("free", "available");
        var be = u.IndexOf("are", "is");
        if (be >= 0 && free > be + 1)
        {
            return Names(u, be + 1, free);
        }

        return null;
    }

    private static List<string>? Names(Utterance u, int from, int to)
    {
        var names = new List<string>();
        var current = new List<string>();
        void Flush()
        {
            if (current.Count > 0)
            {
                var name = string.Join(' ', current);
                if (!NotPeople.Contains(name.ToLowerInvariant()))
                {
                    names.Add(name);
                }

                current.Clear();
            }
        }

        for (var i = from; i < to && i < u.Tokens.Count; i++)
        {
            var token = u.Tokens[i];
            if (token.Is("and", "&", "plus") || u.Consumed[i])
            {
                Flush();
                continue;
            }

            if (!NotPeople.Contains(token.Text) || current.Count > 0)
            {
                current.Add(token.Raw);
            }

            if (token.BreakAfter)
            {
                Flush();
            }
        }

        Flush();
        return names.Count > 0 ? names : null;
    }

    /// <summary>A place: "at the office", "at Shibuya Dental", "in the Blue Room" — not "at 3", not "in two weeks".</summary>
    private static string? Location(Utterance u)
    {
        for (var i = 0; i + 1 < u.Tokens.Count; i++)
        {
            if (u.Consumed[i] || u.Consumed[i + 1] || u.Tokens[i + 1].Number is not null)
            {
                continue;
            }

            var t = u.Tokens[i];
            var next = u.Tokens[i + 1];
            var isPlace = t.Text == "at" && !next.Is("a", "an", "least", "most", "all", "noon", "night", "once")
                || t.Text == "in" && (next.Text == "the" || char.IsUpper(next.Raw[0])) && !next.Is("morning", "afternoon", "evening");
            if (!isPlace)
            {
                continue;
            }

            var end = i + 1;
            while (end < u.Tokens.Count && !u.Consumed[end] && !u.Tokens[end].Is("on", "at", "with", "for", "from", "to", "every", "and", "this", "next", "until", "except"))
            {
                end++;
            }

            var place = Phrase(u, i + 1, end, stopAtConsumed: true);
            if (place is not null)
            {
                return place;
            }
        }

        return null;
    }
}
