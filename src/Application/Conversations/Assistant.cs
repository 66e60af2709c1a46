using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.ChangeOccurrence;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.DeleteEvent;
using CleanAssistant.Application.Events.FindConflicts;
using CleanAssistant.Application.Events.UpdateEvent;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Application.Reminders.CreateReminder;
using CleanAssistant.Application.Reminders.SetEventReminders;
using CleanAssistant.Application.Scheduling;
using CleanAssistant.Application.Scheduling.SuggestMeetingTimes;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using Mapster;
using Mediator;
using NodaTime;
using InterpretationResult = CleanAssistant.Application.Interpretation.Interpretation;

namespace CleanAssistant.Application.Conversations;

/// <summary>
/// Turns one message into a reply: answers a pending question or interprets the words, finds the event
/// meant, asks when something is missing or unclear, and acts through the same use cases as the rest of
/// the API (validation, authorization, conflict checks). With <c>act: false</c> it only says what it would do.
/// </summary>
public sealed class Assistant(IApplicationDbContext db, ISender sender, ICurrentUser currentUser, IInterpreter interpreter, TimeProvider timeProvider)
{
    /// <summary>How long an action can be undone.</summary>
    public static readonly Duration UndoWindow = Duration.FromMinutes(5);

    /// <summary>A question not answered within this time is forgotten: the next message is read on its own.</summary>
    private static readonly Duration QuestionLifetime = Duration.FromMinutes(30);

    /// <summary>Events are looked for this far back and ahead when the words give no date.</summary>
    private static readonly Duration LookBack = Duration.FromDays(1);
    private static readonly Duration LookAhead = Duration.FromDays(60);

    private const int MaxChoices = 5;

    private static readonly string[] UndoWords = ["undo", "undo that", "undo it", "undo please", "please undo", "take that back", "revert that", "cancel that"];
    private static readonly string[] GenericTitles = ["meeting", "call", "chat", "catch up", "catch-up", "sync", "one on one", "1:1", "video call", "meet"];
    private static readonly string[] NobodyWords = ["nobody", "no one", "noone", "none", "just me", "only me", "myself", "me", "no", "skip", "nobody else", "no one else"];
    private static readonly string[] GenericWords = ["meeting", "event", "appointment", "thing", "call", "my", "the", "a", "an", "one", "session"];

    private UserId Owner => currentUser.Id!.Value;

    internal async Task<Turn> ReplyAsync(Conversation? conversation, string text, bool act, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(conversation, act, cancellationToken);
        var now = context.Now;
        var zone = context.Phrasing.Zone;
        var request = new InterpretationRequest(text, now.InZone(zone).LocalDateTime, zone) { UserId = Owner, Ambiguity = context.User.Preferences.Ambiguity };

        if (IsUndo(text))
        {
            return await UndoAsync(context, cancellationToken);
        }

        if (conversation?.Pending is { } pending && now - pending.AskedAt < QuestionLifetime
            && await AnswerAsync(context, pending, request, cancellationToken) is { } answered)
        {
            return answered;
        }

        var interpretation = await interpreter.InterpretAsync(request, cancellationToken);
        return await CarryOutAsync(context, interpretation, request, chosen: null, cancellationToken);
    }

    /// <summary>Undoes the last action (of the conversation, when one is given).</summary>
    internal async Task<Turn> UndoLastAsync(Conversation? conversation, CancellationToken cancellationToken) =>
        await UndoAsync(await ContextAsync(conversation, act: true, cancellationToken), cancellationToken);

    private async Task<Context> ContextAsync(Conversation? conversation, bool act, CancellationToken cancellationToken)
    {
        var user = await db.Users.Where(u => u.Id == Owner).FirstOrDefaultAsync(cancellationToken) ?? throw new UnauthenticatedException();
        var now = timeProvider.GetCurrentInstant();
        return new Context(conversation, new Phrasing(user.TimeZone.Zone, now.InZone(user.TimeZone.Zone).Date), now, act, user);
    }

    private async Task<Turn> UndoAsync(Context context, CancellationToken cancellationToken)
    {
        var actions = db.AssistantActions.Where(a => a.OwnerId == Owner && a.UndoneAt == null && a.UndoableUntil > context.Now);
        if (context.Conversation is { } conversation)
        {
            var id = conversation.Id;
            actions = actions.Where(a => a.ConversationId == id);
        }

        var action = await actions.OrderByDescending(a => a.At).FirstOrDefaultAsync(cancellationToken);
        if (action is null)
        {
            return new Turn(new AssistantReplyDto("There is nothing I can undo: I undo my own changes for five minutes after making them.", AssistantOutcome.Failed));
        }

        if (!context.Act)
        {
            return new Turn(new AssistantReplyDto($"I would undo this: {action.Description}.", AssistantOutcome.WouldDo));
        }

        var ids = action.Before.Select(b => b.EventId).Concat(action.Created).ToList();
        var rows = await db.EventsIncludingDeleted.Where(e => ids.Contains(e.Id) && e.OwnerId == Owner).ToListAsync(cancellationToken);
        foreach (var before in action.Before)
        {
            if (rows.FirstOrDefault(r => r.Id == before.EventId) is { } row && row.Version != before.Version)
            {
                throw new ConflictException("CHANGED_SINCE", $"'{row.Title}' was changed after I did that; undoing now would overwrite that change.");
            }
        }

        foreach (var row in rows)
        {
            if (action.Before.FirstOrDefault(b => b.EventId == row.Id) is { } before)
            {
                row.Revert(before, context.Now);
            }
            else if (!row.IsDeleted)
            {
                row.Delete(context.Now);
            }
        }

        if (action.CreatedReminders.Count > 0)
        {
            var reminderIds = action.CreatedReminders;
            foreach (var reminder in await db.Reminders.Where(r => reminderIds.Contains(r.Id) && r.OwnerId == Owner).ToListAsync(cancellationToken))
            {
                reminder.Dismiss(context.Now);
            }
        }

        action.Undone(context.Now);
        var focus = rows.FirstOrDefault(r => !r.IsDeleted);
        return new Turn(new AssistantReplyDto($"Undone: {action.Description}.", AssistantOutcome.Undone), focus?.Id);
    }

    /// <summary>Reads a message as the answer to the question asked; null when it is a new command instead.</summary>
    private async Task<Turn?> AnswerAsync(Context context, PendingQuestion pending, InterpretationRequest request, CancellationToken cancellationToken)
    {
        var original = request with { Text = pending.OriginalText };
        switch (pending.Kind)
        {
            case QuestionKind.WhichEvent or QuestionKind.OtherTime:
                if (ChoiceParser.Pick(request, pending.Choices) is not { } choice)
                {
                    if ((await interpreter.InterpretAsync(request, cancellationToken)).Intent != Intent.Unknown)
                    {
                        return null; // a new command instead of an answer
                    }

                    context.Conversation?.Ask(pending with { AskedAt = context.Now });
                    return new Turn(
                        new AssistantReplyDto($"Sorry, which one? {Numbered(pending.Choices)}", AssistantOutcome.Question) { Choices = [.. pending.Choices.Select(c => c.Label)] },
                        AskedQuestion: true);
                }

                var interpretation = await interpreter.InterpretAsync(original, cancellationToken);
                if (pending.Kind == QuestionKind.OtherTime && choice is { Start: { } start, End: { } end })
                {
                    interpretation = interpretation.Intent == Intent.RescheduleEvent
                        ? interpretation with { NewStart = start.InZone(context.Phrasing.Zone).ToOffsetDateTime(), NewEnd = end.InZone(context.Phrasing.Zone).ToOffsetDateTime() }
                        : interpretation with { Start = start.InZone(context.Phrasing.Zone).ToOffsetDateTime(), End = end.InZone(context.Phrasing.Zone).ToOffsetDateTime(), AllDay = null };
                    return await CarryOutAsync(context, interpretation, original, chosen: null, cancellationToken);
                }

                return await CarryOutAsync(context, interpretation, original, choice, cancellationToken);

            default:
                var alone = await interpreter.InterpretAsync(request, cancellationToken);
                if (alone.Intent is not (Intent.Unknown or Intent.QueryAgenda) && (alone.Title is not null || alone.Target is not null))
                {
                    return null; // a whole new command, not an answer
                }

                if (pending.Missing == "who" && IsNobody(request.Text))
                {
                    var without = await interpreter.InterpretAsync(original, cancellationToken);
                    return await CarryOutAsync(context with { NobodyElse = true }, without, original, chosen: null, cancellationToken);
                }

                var before = await interpreter.InterpretAsync(original, cancellationToken);
                var whole = original with { Text = Complete(pending, request.Text) };
                var completed = await interpreter.InterpretAsync(whole, cancellationToken);
                return await CarryOutAsync(context, Fill(before, completed, pending.Missing, request.Text), whole, chosen: null, cancellationToken);
        }
    }

    /// <summary>The first reading with the missing detail taken from the reading of the completed words (or the answer itself).</summary>
    private static InterpretationResult Fill(InterpretationResult first, InterpretationResult completed, string missing, string answer)
    {
        if (completed.Intent != first.Intent)
        {
            return completed;
        }

        return missing switch
        {
            "who" => first with { Attendees = completed.Attendees is { Count: > 0 } people ? people : [answer.Trim()] },
            "title" => first with { Title = completed.Title is { Length: > 0 } t && t != first.Title ? t : answer.Trim() },
            "when" => first with
            {
                Start = completed.Start,
                End = completed.End,
                AllDay = completed.AllDay,
                Recurrence = completed.Recurrence ?? first.Recurrence,
                ExceptDates = completed.ExceptDates ?? first.ExceptDates,
                RemindAt = completed.RemindAt,
                NewStart = completed.NewStart,
                NewEnd = completed.NewEnd,
                DurationMinutes = completed.DurationMinutes ?? first.DurationMinutes,
                Confidence = completed.Confidence,
                Alternatives = completed.Alternatives,
            },
            _ => completed,
        };
    }

    /// <summary>The original words with the answer put where it belongs: "lunch with Alice" + "tomorrow at noon".</summary>
    private static string Complete(PendingQuestion pending, string answer) => pending.Missing switch
    {
        "who" => $"{pending.OriginalText} with {answer}",
        "title" => $"{pending.OriginalText} called {answer}",
        _ => $"{pending.OriginalText} {answer}",
    };

    private async Task<Turn> CarryOutAsync(Context context, InterpretationResult interpretation, InterpretationRequest request, Choice? chosen, CancellationToken cancellationToken)
    {
        context = context with { Chosen = chosen };
        var turn = interpretation.Intent switch
        {
            Intent.CreateEvent or Intent.CreateReminder => await CreateAsync(context, interpretation, request, cancellationToken),
            Intent.RescheduleEvent => await RescheduleAsync(context, interpretation, request, cancellationToken),
            Intent.CancelEvent => await CancelAsync(context, interpretation, request, cancellationToken),
            Intent.UpdateEvent => await UpdateAsync(context, interpretation, request, cancellationToken),
            Intent.QueryAgenda => await AgendaAsync(context, interpretation, cancellationToken),
            Intent.FindFreeTime => await FreeTimeAsync(context, interpretation, cancellationToken),
            Intent.SummarizeMeeting => await SummarizeAsync(context, interpretation, request, cancellationToken),
            _ => new Turn(new AssistantReplyDto(
                "Sorry, I didn't get that. You can say things like \"lunch with Alice tomorrow at noon\", \"what's on Friday?\" or \"move my dentist appointment to 3\".",
                AssistantOutcome.NotUnderstood)),
        };
        return turn with { Reply = turn.Reply with { Interpretation = interpretation, ConversationId = context.Conversation?.Id }, Intent = interpretation.Intent };
    }

    private async Task<Turn> CreateAsync(Context context, InterpretationResult i, InterpretationRequest request, CancellationToken cancellationToken)
    {
        var reminder = i.Intent == Intent.CreateReminder;
        var what = reminder ? "the reminder" : "it";
        var title = i.Title is { Length: > 0 } t ? Capitalize(t) : null;
        if (title is null)
        {
            return Ask(context, request, "title", reminder ? "What should I remind you of?" : "What should I call it?");
        }

        if (!reminder && !context.NobodyElse && i.Attendees is not { Count: > 0 } && GenericTitles.Contains(title, StringComparer.OrdinalIgnoreCase))
        {
            return Ask(context, request, "who", $"Who is the {title.ToLowerInvariant()} with?");
        }

        if (!reminder && i.Attendees is { Count: > 0 } invited && !invited.Any(p => title.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            title = $"{title} with {Phrasing.List(invited)}";
        }

        var start = reminder ? i.RemindAt : i.Start;
        if (start is null)
        {
            return Ask(context, request, "when", reminder ? $"When should I remind you to {title}?" : $"When should I put '{title}'?");
        }

        var allDay = i.AllDay == true;
        var length = i.DurationMinutes is { } minutes ? Duration.FromMinutes(minutes) : reminder ? Duration.FromMinutes(15) : context.User.Preferences.DefaultMeetingLength;
        var startAt = start.Value.ToInstant();
        var endAt = i.End?.ToInstant() ?? (allDay ? startAt + Duration.FromDays(1) : startAt + length);
        var summary = reminder ? $"a reminder to {title} {context.Phrasing.When(startAt)}" : $"'{title}' {(allDay ? context.Phrasing.When(startAt, allDay: true) : context.Phrasing.Span(startAt, endAt))}";
        if (i.Recurrence is not null)
        {
            summary += ", repeating";
        }

        var readBack = ReadBack(i);
        if (reminder && i.Recurrence is null)
        {
            return await RemindAsync(context, title, startAt, summary, readBack, cancellationToken);
        }

        var showAs = reminder ? Availability.Free : Availability.Busy;
        if (!reminder && !allDay)
        {
            var conflicts = await sender.Send(new FindConflictsQuery(startAt, endAt), cancellationToken);
            if (conflicts.Count > 0)
            {
                return await ConflictAsync(context, request, conflicts, startAt, endAt, $"'{title}'", cancellationToken);
            }
        }

        if (!context.Act)
        {
            return new Turn(new AssistantReplyDto($"I would add {summary}.{readBack}", AssistantOutcome.WouldDo)
            {
                Slots = [new Interval(startAt, endAt)],
            });
        }

        var time = allDay
            ? new EventTimeInput(StartDate: start.Value.Date, EndDate: (i.End is { } e ? e.Date.PlusDays(-1) : start.Value.Date), IsAllDay: true)
            : new EventTimeInput(startAt, endAt);
        var description = i.Attendees is { Count: > 0 } people ? $"With {Phrasing.List(people)}." : null;
        var created = await sender.Send(
            new CreateEventCommand(
                reminder ? $"Reminder: {title}" : title,
                time,
                Location: i.Location,
                Description: description,
                ShowAs: showAs,
                RejectConflicts: !reminder && !allDay && i.Recurrence is null,
                Recurrence: i.Recurrence),
            cancellationToken);
        if (reminder)
        {
            // A repeating reminder is a free repeating event that reminds of each occurrence as it starts.
            await sender.Send(new SetEventRemindersCommand(created.Id, [0]), cancellationToken);
        }

        Record(context, $"Added {summary}", created: [created.Id], before: []);
        return new Turn(
            new AssistantReplyDto($"Done: I added {summary}.{readBack}", AssistantOutcome.Done) { Event = created, CanUndo = true },
            created.Id);
    }

    /// <summary>A one-off reminder ("remind me to call Bob in two hours"): a reminder of its own, delivered at that time.</summary>
    private async Task<Turn> RemindAsync(Context context, string title, Instant dueAt, string summary, string readBack, CancellationToken cancellationToken)
    {
        if (dueAt <= context.Now)
        {
            return new Turn(new AssistantReplyDto($"{context.Phrasing.When(dueAt)} has already passed; when should I remind you to {title}?", AssistantOutcome.Failed));
        }

        if (!context.Act)
        {
            return new Turn(new AssistantReplyDto($"I would set {summary}.{readBack}", AssistantOutcome.WouldDo));
        }

        var created = await sender.Send(new CreateReminderCommand(title, DueAt: dueAt), cancellationToken);
        Record(context, $"Set {summary}", created: [], before: [], reminders: [created.Id]);
        return new Turn(new AssistantReplyDto($"Done: I set {summary}.{readBack}", AssistantOutcome.Done) { Reminder = created, CanUndo = true });
    }

    private async Task<Turn> RescheduleAsync(Context context, InterpretationResult i, InterpretationRequest request, CancellationToken cancellationToken)
    {
        var found = await FindTargetAsync(context, i.Target, request, "move", cancellationToken);
        if (found.Turn is { } question)
        {
            return question;
        }

        var target = found.Target!;
        var occurrence = target.Occurrence;
        Instant newStart;
        Instant newEnd;
        var length = occurrence.End - occurrence.Start;
        var zone = context.Phrasing.Zone;
        var at = occurrence.Start.InZone(zone).LocalDateTime;
        if (i.NewStart is { } start)
        {
            // A clock time alone moves the event within its own day: "move it to 3" about Monday's meeting is Monday at 3.
            newStart = i.NewDate is null && i.Target?.Date is null && i.ShiftMinutes is null
                ? zone.AtLeniently(at.Date + start.LocalDateTime.TimeOfDay).ToInstant()
                : start.ToInstant();
            newEnd = i.NewEnd is { } end ? newStart + (end.ToInstant() - start.ToInstant()) : newStart + (i.DurationMinutes is { } m ? Duration.FromMinutes(m) : length);
        }
        else if (i.ShiftMinutes is { } shift)
        {
            newStart = occurrence.Start + Duration.FromMinutes(shift);
            newEnd = occurrence.End + Duration.FromMinutes(shift);
        }
        else if (i.NewDate is { } day)
        {
            newStart = zone.AtLeniently(day + at.TimeOfDay).ToInstant();
            newEnd = newStart + length;
        }
        else if (i.DurationMinutes is { } minutes)
        {
            newStart = occurrence.Start;
            newEnd = newStart + Duration.FromMinutes(minutes);
        }
        else
        {
            return Ask(context, request, "when", $"When should I move {context.Phrasing.Event(occurrence)} to?", focus: occurrence.Id);
        }

        var conflicts = (await sender.Send(new FindConflictsQuery(newStart, newEnd, occurrence.SeriesId ?? occurrence.Id), cancellationToken))
            .Where(c => c.Id != occurrence.Id && c.Id != target.Event.Id).ToList();
        if (conflicts.Count > 0)
        {
            return await ConflictAsync(context, request, conflicts, newStart, newEnd, $"'{occurrence.Title}'", cancellationToken, focus: occurrence.Id);
        }

        var summary = $"{context.Phrasing.Event(occurrence)} moved to {context.Phrasing.Span(newStart, newEnd)}";
        if (!context.Act)
        {
            return new Turn(new AssistantReplyDto($"I would move {context.Phrasing.Event(occurrence)} to {context.Phrasing.Span(newStart, newEnd)}.{ReadBack(i)}", AssistantOutcome.WouldDo)
            {
                Event = occurrence,
                Slots = [new Interval(newStart, newEnd)],
            }, occurrence.Id);
        }

        var time = new EventTimeInput(newStart, newEnd, IsAllDay: false);
        var before = await SnapshotAsync(target.Event, cancellationToken);
        var changed = target.IsSeriesOccurrence
            ? await sender.Send(new UpdateOccurrenceCommand(target.Event.Id, occurrence.RecurrenceId!.Value, OccurrenceScope.This, Time: time), cancellationToken)
            : await sender.Send(new UpdateEventCommand(target.Event.Id, Time: time), cancellationToken);
        await RecordChangeAsync(context, summary, before, changed.Id, cancellationToken);
        return new Turn(new AssistantReplyDto($"Done: {summary}.{ReadBack(i)}", AssistantOutcome.Done) { Event = changed, CanUndo = true }, changed.Id);
    }

    private async Task<Turn> CancelAsync(Context context, InterpretationResult i, InterpretationRequest request, CancellationToken cancellationToken)
    {
        var found = await FindTargetAsync(context, i.Target, request, "cancel", cancellationToken);
        if (found.Turn is { } question)
        {
            return question;
        }

        var target = found.Target!;
        var occurrence = target.Occurrence;
        var summary = $"cancelled {context.Phrasing.Event(occurrence)}";
        if (!context.Act)
        {
            return new Turn(new AssistantReplyDto($"I would cancel {context.Phrasing.Event(occurrence)}.", AssistantOutcome.WouldDo) { Event = occurrence }, occurrence.Id);
        }

        var before = await SnapshotAsync(target.Event, cancellationToken);
        if (target.IsSeriesOccurrence)
        {
            await sender.Send(new DeleteOccurrenceCommand(target.Event.Id, occurrence.RecurrenceId!.Value, OccurrenceScope.This), cancellationToken);
        }
        else if (target.Event.SeriesId is { } seriesId && target.Event.RecurrenceId is { } recurrenceId)
        {
            await sender.Send(new DeleteOccurrenceCommand(seriesId, recurrenceId, OccurrenceScope.This), cancellationToken);
        }
        else
        {
            await sender.Send(new DeleteEventCommand(target.Event.Id), cancellationToken);
        }

        await RecordChangeAsync(context, Capitalize(summary), before, created: null, cancellationToken);
        return new Turn(new AssistantReplyDto($"Done: I {summary}.", AssistantOutcome.Done) { Event = occurrence, CanUndo = true });
    }

    private async Task<Turn> UpdateAsync(Context context, InterpretationResult i, InterpretationRequest request, CancellationToken cancellationToken)
    {
        var found = await FindTargetAsync(context, i.Target, request, "change", cancellationToken);
        if (found.Turn is { } question)
        {
            return question;
        }

        var target = found.Target!;
        var occurrence = target.Occurrence;
        var changes = new List<string>();
        var title = i.Title is { Length: > 0 } t && !string.Equals(t, occurrence.Title, StringComparison.OrdinalIgnoreCase) ? Capitalize(t) : null;
        if (title is not null)
        {
            changes.Add($"renamed it '{title}'");
        }

        if (i.Location is { Length: > 0 } location)
        {
            changes.Add($"set the place to {location}");
        }

        var description = occurrence.Description;
        if (i.AddAttendees is { Count: > 0 } added)
        {
            description = AppendLine(description, $"With {Phrasing.List(added)}.");
            changes.Add($"noted {Phrasing.List(added)} as coming");
        }

        if (i.RemoveAttendees is { Count: > 0 } removed)
        {
            description = AppendLine(description, $"Not coming: {Phrasing.List(removed)}.");
            changes.Add($"noted {Phrasing.List(removed)} as not coming");
        }

        if (changes.Count == 0)
        {
            return Ask(context, request, "change", $"What should I change about {context.Phrasing.Event(occurrence)}?", focus: occurrence.Id);
        }

        var summary = $"{context.Phrasing.Event(occurrence)}: {Phrasing.List(changes)}";
        if (!context.Act)
        {
            return new Turn(new AssistantReplyDto($"I would change {summary}.", AssistantOutcome.WouldDo) { Event = occurrence }, occurrence.Id);
        }

        var newDescription = description != occurrence.Description ? description : null;
        var before = await SnapshotAsync(target.Event, cancellationToken);
        // Names, places and people belong to the whole series, not to one occurrence.
        var changed = await sender.Send(new UpdateEventCommand(target.Event.Id, Title: title, Location: i.Location, Description: newDescription), cancellationToken);
        await RecordChangeAsync(context, $"Changed {summary}", before, changed.Id, cancellationToken);
        return new Turn(new AssistantReplyDto($"Done: {summary}.", AssistantOutcome.Done) { Event = changed, CanUndo = true }, changed.Id);
    }

    private async Task<Turn> AgendaAsync(Context context, InterpretationResult i, CancellationToken cancellationToken)
    {
        var phrasing = context.Phrasing;
        var today = phrasing.Zone.AtStartOfDay(context.Now.InZone(phrasing.Zone).Date).ToInstant();
        var from = i.RangeStart?.ToInstant() ?? today;
        var to = i.RangeEnd?.ToInstant() ?? phrasing.Zone.AtStartOfDay(context.Now.InZone(phrasing.Zone).Date.PlusDays(1)).ToInstant();
        var events = (await db.Events.Where(e => e.OwnerId == Owner).ExpandAsync(from, to, cancellationToken)).Select(x => x.Occurrence).ToList();
        events = DropReplacedOccurrences(events);
        if (i.Attendees is { Count: > 0 } people)
        {
            events = [.. events.Where(e => people.Any(p => Mentions(e, p)))];
        }

        var span = DescribeRange(phrasing, from, to);
        var reply = events.Count == 0
            ? $"Nothing on your calendar {span}."
            : $"You have {Phrasing.Count(events.Count, "event", "events")} {span}: {Phrasing.List([.. events.Take(10).Select(e => e.IsAllDay ? $"{e.Title} (all day)" : $"{e.Title} at {phrasing.When(e.Start)}")])}{(events.Count > 10 ? " and more" : string.Empty)}.";
        return new Turn(new AssistantReplyDto(reply, AssistantOutcome.Answered) { Events = events }, events.Count == 1 ? events[0].Id : null);
    }

    private async Task<Turn> FreeTimeAsync(Context context, InterpretationResult i, CancellationToken cancellationToken)
    {
        var phrasing = context.Phrasing;
        var from = i.RangeStart?.ToInstant() is { } s && s > context.Now ? s : context.Now;
        var to = i.RangeEnd?.ToInstant() ?? from + Duration.FromDays(7);
        if (to - from > MeetingSearchValidator.MaxWindow)
        {
            to = from + MeetingSearchValidator.MaxWindow;
        }

        var length = i.DurationMinutes is { } m ? Duration.FromMinutes(m) : context.User.Preferences.DefaultMeetingLength;
        if (to <= from)
        {
            return new Turn(new AssistantReplyDto("That time is already over.", AssistantOutcome.Answered));
        }

        var slots = await sender.Send(new FindFreeSlotsQuery(new MeetingSearch([], length, from, to)), cancellationToken);
        var others = i.Attendees is { Count: > 0 } people ? $" I can only see your own calendar, not {Phrasing.List(people)}'s." : string.Empty;
        var reply = slots.Count == 0
            ? $"You have no free {length.TotalMinutes:0} minutes in your working hours {DescribeRange(phrasing, from, to)}.{others}"
            : $"You're free {Phrasing.List([.. slots.Take(3).Select(x => phrasing.Span(x.Start, x.End))])}{(slots.Count > 3 ? $" and {Phrasing.Count(slots.Count - 3, "more time", "more times")}" : string.Empty)}.{others}";
        return new Turn(new AssistantReplyDto(reply, AssistantOutcome.Answered) { Slots = [.. slots.Select(x => new Interval(x.Start, x.End))] });
    }

    private async Task<Turn> SummarizeAsync(Context context, InterpretationResult i, InterpretationRequest request, CancellationToken cancellationToken)
    {
        var found = await FindTargetAsync(context, i.Target, request, "summarize", cancellationToken);
        if (found.Turn is { } question)
        {
            return question;
        }

        var e = found.Target!.Occurrence;
        var place = e.Location is { Length: > 0 } location ? $" at {location}" : string.Empty;
        var notes = e.Description is { Length: > 0 } description ? $" Notes: {description}" : " No notes or transcript were recorded for it.";
        return new Turn(new AssistantReplyDto($"{context.Phrasing.Event(e)}{place}, {context.Phrasing.Span(e.Start, e.End)}.{notes}", AssistantOutcome.Answered) { Event = e }, e.Id);
    }

    /// <summary>The event the words mean: the one of the previous turn for "it", the only match, or a question listing the matches.</summary>
    private async Task<Found> FindTargetAsync(Context context, EventReference? reference, InterpretationRequest request, string verb, CancellationToken cancellationToken)
    {
        if (context.Chosen is { EventId: { } chosenId } chosen)
        {
            return await LoadAsync(chosenId, chosen.OccurrenceStart, context, cancellationToken) is { } picked
                ? new Found(picked, null)
                : new Found(null, NotFound(context, "that event"));
        }

        var words = Keywords(reference?.Title);
        if (reference is null || (reference.PointsBack && words.Count == 0 && reference.Start is null && reference.Date is null))
        {
            if (context.Conversation?.FocusEventId is { } focus && await LoadAsync(focus, null, context, cancellationToken) is { } previous)
            {
                return new Found(previous, null);
            }

            return new Found(null, await WhichAsync(context, request, verb, null, cancellationToken));
        }

        var zone = context.Phrasing.Zone;
        Instant from;
        Instant to;
        if (reference.Start is { } at)
        {
            from = at.ToInstant() - Duration.FromMinutes(1);
            to = at.ToInstant() + Duration.FromMinutes(1);
        }
        else if (reference.Date is { } date)
        {
            from = zone.AtStartOfDay(date).ToInstant();
            to = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        }
        else
        {
            from = context.Now - LookBack;
            to = context.Now + LookAhead;
        }

        var candidates = await CandidatesAsync(from, to, cancellationToken);
        var matches = words.Count == 0 ? candidates : [.. candidates.Where(c => words.All(w => Mentions(c.Occurrence, w)))];
        if (reference.Start is { } exact)
        {
            matches = [.. matches.Where(c => c.Occurrence.Start == exact.ToInstant())];
        }

        if (matches.Count == 0)
        {
            return new Found(null, NotFound(context, reference.Title is { } title ? $"\"{title}\"" : "an event then"));
        }

        // Occurrences of one series: without a date the next one is meant.
        var upcoming = matches.Where(m => m.Occurrence.End > context.Now).ToList();
        var pool = upcoming.Count > 0 ? upcoming : matches;
        if (pool.Select(m => m.Event.SeriesId ?? m.Event.Id).Distinct().Count() == 1)
        {
            return new Found(pool[0], null);
        }

        return new Found(null, await WhichAsync(context, request, verb, pool, cancellationToken));
    }

    private async Task<List<Target>> CandidatesAsync(Instant from, Instant to, CancellationToken cancellationToken)
    {
        var expanded = await db.Events.Where(e => e.OwnerId == Owner).ExpandAsync(from, to, cancellationToken);
        var kept = DropReplacedOccurrences([.. expanded.Select(x => x.Occurrence)]);
        return [.. expanded.Where(x => kept.Contains(x.Occurrence)).Select(x => new Target(x.Event, x.Occurrence))];
    }

    private async Task<Target?> LoadAsync(EventId id, LocalDateTime? occurrenceStart, Context context, CancellationToken cancellationToken)
    {
        var row = await db.Events.Where(e => e.Id == id && e.OwnerId == Owner).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var dto = row.Adapt<EventDto>();
        if (!row.IsRecurring)
        {
            return new Target(row, dto);
        }

        // A series: the occurrence named, else the next one.
        var occurrences = row.OccurrencesBetween(context.Now - LookBack, context.Now + LookAhead + LookAhead);
        var occurrence = occurrences.FirstOrDefault(o => o.RecurrenceId == occurrenceStart);
        if (occurrenceStart is null || occurrence == default)
        {
            occurrence = occurrences.FirstOrDefault(o => o.End > context.Now);
        }

        return new Target(row, occurrence == default ? dto : dto with { Start = occurrence.Start, End = occurrence.End, RecurrenceId = occurrence.RecurrenceId });
    }

    private async Task<Turn> WhichAsync(Context context, InterpretationRequest request, string verb, List<Target>? matches, CancellationToken cancellationToken)
    {
        matches ??= (await CandidatesAsync(context.Now, context.Now + Duration.FromDays(7), cancellationToken)).ToList();
        if (matches.Count == 0)
        {
            return NotFound(context, "anything coming up");
        }

        var choices = matches.Take(MaxChoices)
            .Select(m => new Choice(context.Phrasing.Event(m.Occurrence), m.Event.Id, m.Occurrence.RecurrenceId, m.Occurrence.Start, m.Occurrence.End))
            .ToList();
        var question = $"Which one should I {verb}? {Numbered(choices)}";
        context.Conversation?.Ask(new PendingQuestion(QuestionKind.WhichEvent, request.Text, "which", choices, context.Now));
        return new Turn(new AssistantReplyDto(question, AssistantOutcome.Question)
        {
            Events = [.. matches.Take(MaxChoices).Select(m => m.Occurrence)],
            Choices = [.. choices.Select(c => c.Label)],
        }, AskedQuestion: true);
    }

    private async Task<Turn> ConflictAsync(
        Context context, InterpretationRequest request, IReadOnlyList<EventDto> conflicts, Instant start, Instant end, string what, CancellationToken cancellationToken, EventId? focus = null)
    {
        var phrasing = context.Phrasing;
        var length = end - start;
        var dayStart = phrasing.Zone.AtStartOfDay(start.InZone(phrasing.Zone).Date).ToInstant();
        var from = dayStart > context.Now ? dayStart : context.Now;
        var suggestions = length <= Duration.FromHours(12)
            ? await sender.Send(new SuggestMeetingTimesQuery(new MeetingSearch([], length, from, from + Duration.FromDays(3), MaxCandidates: 3)), cancellationToken)
            : null;
        var slots = suggestions?.Suggestions.Select(s => new Interval(s.Slot.Start, s.Slot.End)).ToList() ?? [];
        var taken = $"{phrasing.Span(start, end)} overlaps {Phrasing.List([.. conflicts.Take(3).Select(c => $"'{c.Title}' ({phrasing.Span(c.Start, c.End)})")])}";
        if (slots.Count == 0)
        {
            return new Turn(new AssistantReplyDto($"I didn't book {what}: {taken}, and I found no free time nearby.", AssistantOutcome.Conflict) { Events = conflicts }, focus);
        }

        var choices = slots.Select(s => new Choice(phrasing.Span(s.Start, s.End), Start: s.Start, End: s.End)).ToList();
        context.Conversation?.Ask(new PendingQuestion(QuestionKind.OtherTime, request.Text, "when", choices, context.Now));
        return new Turn(
            new AssistantReplyDto($"I didn't book {what}: {taken}. I could do {Phrasing.List([.. choices.Select((c, n) => $"{n + 1}) {c.Label}")])} instead. Which one?", AssistantOutcome.Conflict)
            {
                Events = conflicts,
                Slots = slots,
                Choices = [.. choices.Select(c => c.Label)],
            },
            focus,
            AskedQuestion: true);
    }

    private static Turn Ask(Context context, InterpretationRequest request, string missing, string question, EventId? focus = null)
    {
        context.Conversation?.Ask(new PendingQuestion(QuestionKind.MissingDetail, request.Text, missing, [], context.Now));
        return new Turn(new AssistantReplyDto(question, AssistantOutcome.Question), focus, AskedQuestion: true);
    }

    private static Turn NotFound(Context context, string what) =>
        new(new AssistantReplyDto($"I couldn't find {what} on your calendar between {context.Phrasing.When(context.Now - LookBack)} and {context.Phrasing.When(context.Now + LookAhead)}.", AssistantOutcome.NotFound));

    /// <summary>The target event and, for a series, its overrides: how they are before the change.</summary>
    private async Task<List<EventSnapshot>> SnapshotAsync(CalendarEvent target, CancellationToken cancellationToken)
    {
        var seriesId = target.SeriesId ?? target.Id;
        var rows = await db.Events.Where(e => e.OwnerId == Owner && (e.Id == seriesId || e.SeriesId == seriesId || e.Id == target.Id)).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.Snapshot())];
    }

    /// <summary>Keeps what undo needs: the rows as they were, with the version they have now (a later change blocks undo).</summary>
    private async Task RecordChangeAsync(Context context, string description, List<EventSnapshot> before, EventId? created, CancellationToken cancellationToken)
    {
        var ids = before.Select(b => b.EventId).ToList();
        var versions = (await db.EventsIncludingDeleted.Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Version);
        var changed = before.Where(b => versions[b.EventId] != b.Version).Select(b => b with { Version = versions[b.EventId] }).ToList();
        var createdIds = created is { } id && !ids.Contains(id) ? [id] : new List<EventId>();
        Record(context, description, createdIds, changed);
    }

    private void Record(Context context, string description, IReadOnlyList<EventId> created, IReadOnlyList<EventSnapshot> before, IReadOnlyList<ReminderId>? reminders = null)
    {
        var text = description.Length > AssistantAction.MaxDescriptionLength ? description[..(AssistantAction.MaxDescriptionLength - 1)] + "…" : description;
        db.Add(AssistantAction.Record(Owner, context.Conversation?.Id, text, created, before, context.Now, UndoWindow, reminders));
    }

    private static List<EventDto> DropReplacedOccurrences(List<EventDto> events)
    {
        var replaced = events.Where(e => e.SeriesId is not null && e.RecurrenceId is not null).Select(e => (e.SeriesId!.Value, e.RecurrenceId!.Value)).ToHashSet();
        return [.. events.Where(e => e.SeriesId is not null || e.RecurrenceId is null || !replaced.Contains((e.Id, e.RecurrenceId.Value)))];
    }

    private static string ReadBack(InterpretationResult i) =>
        i.Confidence < InterpretationResult.SureEnough && i.Alternatives.Count > 0
            ? $" (I read \"{i.Alternatives[0].Phrase}\" the usual way; if you meant {i.Alternatives[0].Meaning}, say \"undo\" and tell me.)"
            : string.Empty;

    private static string DescribeRange(Phrasing phrasing, Instant from, Instant to)
    {
        var first = from.InZone(phrasing.Zone);
        var last = to.InZone(phrasing.Zone);
        if (first.TimeOfDay == LocalTime.Midnight && last.TimeOfDay == LocalTime.Midnight && last.Date == first.Date.PlusDays(1))
        {
            var day = phrasing.Date(first.Date);
            return day is "today" or "tomorrow" or "yesterday" ? day : $"on {day}";
        }

        return $"from {phrasing.When(from)} to {phrasing.When(to)}";
    }

    private static bool Mentions(EventDto e, string word) =>
        e.Title.Contains(word, StringComparison.OrdinalIgnoreCase)
        || (e.Description?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false)
        || (e.Location?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false);

    private static List<string> Keywords(string? title) =>
        title is null ? [] : [.. title.Split([' ', ',', '\''], StringSplitOptions.RemoveEmptyEntries).Where(w => !GenericWords.Contains(w, StringComparer.OrdinalIgnoreCase) && w.Length > 1)];

    private static bool IsNobody(string text) =>
        NobodyWords.Contains(string.Join(' ', text.ToLowerInvariant().Split([' ', '.', '!', ','], StringSplitOptions.RemoveEmptyEntries)));

    private static string Numbered(IReadOnlyList<Choice> choices) => string.Join(' ', choices.Select((c, n) => $"{n + 1}) {c.Label}"));

    private static bool IsUndo(string text)
    {
        var words = string.Join(' ', text.ToLowerInvariant().Split([' ', '.', '!', ',', '?'], StringSplitOptions.RemoveEmptyEntries));
        return UndoWords.Contains(words);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string AppendLine(string? text, string line) => string.IsNullOrEmpty(text) ? line : $"{text}\n{line}";

    /// <summary>What the message is handled with: the conversation (null for a dry run without one), the time, and the choice made.</summary>
    internal sealed record Context(Conversation? Conversation, Phrasing Phrasing, Instant Now, bool Act, User User)
    {
        public Choice? Chosen { get; init; }

        /// <summary>The user said the meeting is with nobody else: do not ask again.</summary>
        public bool NobodyElse { get; init; }
    }

    /// <summary>An event meant by the words: the stored row and the occurrence (for a series) or the event itself.</summary>
    private sealed record Target(CalendarEvent Event, EventDto Occurrence)
    {
        public bool IsSeriesOccurrence => Event.IsRecurring && Occurrence.RecurrenceId is not null;
    }

    private sealed record Found(Target? Target, Turn? Turn);
}

/// <summary>The reply to one message, the event it leaves in focus, the intent understood, and whether it asked a question.</summary>
internal sealed record Turn(AssistantReplyDto Reply, EventId? Focus = null, bool AskedQuestion = false)
{
    public Intent? Intent { get; init; }
}
