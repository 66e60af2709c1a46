namespace CleanAssistant.Application.Interpretation;

/// <summary>Picks the intent from cue words and phrases, most specific first.</summary>
internal static class IntentClassifier
{
    public static readonly string[] CreateVerbs =
        ["schedule", "add", "book", "put", "create", "make", "plan", "arrange", "organize", "organise", "block", "pencil", "reserve", "set", "new", "hold"];

    public static readonly string[] CancelVerbs = ["cancel", "delete", "remove", "scrap", "drop", "clear", "axe", "scratch"];

    public static readonly string[] MoveVerbs =
        ["move", "reschedule", "push", "shift", "postpone", "bump", "delay", "change", "make", "extend", "shorten", "bring", "switch", "prepone", "rebook"];

    public static Intent Classify(Utterance u)
    {
        if (u.Tokens.Count == 0)
        {
            return Intent.Unknown;
        }

        if (u.Has(" summar") || u.Has(" summary ") || u.Has(" summarize ") || u.Has(" summarise ") || u.Has(" recap ")
            || u.Has(" action items ") || u.Has(" what did we ") || u.Has(" notes from ") || u.Has(" takeaways ")
            || u.Has(" what was decided ") || u.Has(" key points "))
        {
            return Intent.SummarizeMeeting;
        }

        var remind = u.Has(" wake me ") ? u.IndexOf("wake") : u.IndexOf("remind", "reminder", "reminders", "alarm", "nudge");
        var create = FirstCreateVerb(u);
        if (remind >= 0 && (create < 0 || create > remind || u.Tokens[create].Text == "set"
            || (u.Tokens[remind].Text == "reminder" && u.WholeFrame.Before is null)))
        {
            return Intent.CreateReminder;
        }

        if (u.Has(" free ") || u.Has(" available ") || u.Has(" availability ") || u.Has(" open slot") || u.Has(" fit in ")
            || u.Has(" when can i ") || u.Has(" when can we ") || IsFindTime(u))
        {
            return Intent.FindFreeTime;
        }

        if (IsUpdate(u))
        {
            return Intent.UpdateEvent;
        }

        if (u.IndexOf(CancelVerbs) >= 0 || u.Has(" call off ") || u.Has(" get rid of ") || u.Has(" not happening "))
        {
            return Intent.CancelEvent;
        }

        var move = u.IndexOf(MoveVerbs);
        if (move >= 0 && (u.Tokens[move].Text is not ("make" or "change" or "bring") || u.WholeFrame.Duration is not null || u.WholeFrame.Shift is not null
            || u.IndexOf(move, "to", "forward", "earlier", "later", "longer", "shorter") > move))
        {
            if (u.Tokens[move].Text != "make" || u.WholeFrame.Duration is not null || u.WholeFrame.Shift is not null || u.Has(" longer ") || u.Has(" shorter "))
            {
                return Intent.RescheduleEvent;
            }
        }

        if (u.Has(" what is on ") || u.Has(" what do i have ") || u.Has(" what have i got ") || u.Has(" do i have ")
            || u.Has(" have i got ") || u.Has(" did i have ") || u.Has(" am i doing ") || u.Has(" is happening ") || u.Has(" what is happening ")
            || u.Has(" show ") || u.Has(" any meetings ") || u.Has(" any events ") || u.Has(" any appointments ")
            || u.Has(" my schedule ") || u.Has(" my calendar ") || u.Has(" my agenda ") || u.Has(" my day ") || u.Has(" am i busy ")
            || u.Has(" what meetings ") || u.Has(" what events ") || u.Has(" list ") || u.Has(" what is next ") || u.Has(" how busy ")
            || u.Has(" what is planned ") || u.Has(" anything on ") || u.Has(" what is coming up ") || u.Has(" look like ") || u.Has(" going on ") || u.Has(" what time is ") || u.Has(" when is my ") || u.Has(" when is the ")
            || u.Has(" my next ") || u.Has(" what is my ") || u.Has(" am i meeting ") || u.Has(" who am i ")
            || (u.Tokens[0].Is("anything", "any") && !u.WholeFrame.IsEmpty))
        {
            return create >= 0 && u.Tokens[create].Text != "set" ? Intent.CreateEvent : Intent.QueryAgenda;
        }

        if (create >= 0)
        {
            return Intent.CreateEvent;
        }

        // "lunch with mom tomorrow at 1": no verb, but a statement with a concrete day or time is an event to add.
        var whole = u.WholeFrame;
        // "do I have…" asks; "do lunch Thursday" (after "let's") plans.
        var question = u.Tokens[0].Is("what", "when", "where", "who", "why", "how", "is", "are", "does", "will", "can", "tell", "play")
            || (u.Tokens[0].Is("do") && u.Tokens.Count > 1 && u.Tokens[1].Is("i", "we", "you", "they", "he", "she"));
        return !question && (whole.Day is not null || whole.Clock is not null || whole.Range is not null) ? Intent.CreateEvent : Intent.Unknown;
    }

    public static int FirstCreateVerb(Utterance u)
    {
        for (var i = 0; i < u.Tokens.Count; i++)
        {
            var t = u.Tokens[i];
            if (!t.Is(CreateVerbs) || u.Spans.Exists(s => s.Covers(i)))
            {
                continue;
            }

            // "set up a meeting" creates, "set the thermostat" does not; "make" needs an event after it.
            if (t.Text == "set" && !(i + 1 < u.Tokens.Count && u.Tokens[i + 1].Is("up", "a", "an")))
            {
                continue;
            }

            if ((t.Text is "make" or "new" or "hold" && i > 0) || (i > 0 && u.Tokens[i - 1].Is("my", "the", "your", "our", "a")))
            {
                continue;
            }

            return i;
        }

        return -1;
    }

    private static bool IsFindTime(Utterance u)
    {
        var find = u.IndexOf("find", "need", "get");
        if (find < 0)
        {
            return false;
        }

        var frame = u.WholeFrame;
        return u.Has(" slot ") || u.Has(" time for ") || u.Has(" a time ") || u.Has(" gap ") || u.Has(" window ")
            || (frame.Duration is not null && u.IndexOf(CreateVerbs) < 0);
    }

    private static bool IsUpdate(Utterance u)
    {
        if (u.Has(" rename ") || u.Has(" retitle "))
        {
            return true;
        }

        if ((u.Has(" the location ") || u.Has(" the title ") || u.Has(" the name ") || u.Has(" the venue ") || u.Has(" the place ")
            || u.Has(" the room ")) && (u.IndexOf("change", "set", "update", "make", "switch", "move") >= 0))
        {
            return true;
        }

        if (SlotFiller.PeopleChange(u) is not null)
        {
            return true;
        }

        // "move the offsite to the Grand Hotel": moved to a place, not to a time.
        var move = u.IndexOf("move", "relocate", "switch", "change");
        var to = move < 0 ? -1 : u.IndexOf(move, "to");
        if (move >= 0 && to > move && to + 1 < u.Tokens.Count && u.FrameOf(to, u.Tokens.Count).IsEmpty
            && !u.Tokens[to + 1].Is("it", "later", "earlier", "then"))
        {
            return true;
        }

        return false;
    }
}
