using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Interpretation;

/// <summary>
/// The rule-based interpreter: no network, no model. Normalise → find time expressions → pick the intent by
/// its cue words → fill the slots from the words the time expressions did not use.
/// </summary>
public sealed class OfflineInterpreter : IInterpreter
{
    public const string InterpreterName = "offline";

    public string Name => InterpreterName;

    public ValueTask<Interpretation> InterpretAsync(InterpretationRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Interpret(request));

    /// <summary>The same, synchronously: the offline interpreter never waits.</summary>
    public static Interpretation Interpret(InterpretationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (answer, utterance) = Classify(request);
        var alternatives = new List<InterpretationAlternative>();
        foreach (var doubt in utterance.Resolver.Doubts)
        {
            // The same utterance under the other reading: the whole command, for the reply to offer.
            var other = Classify(request with { Ambiguity = Flip(request.Ambiguity, doubt.Kind) }).Answer with { Interpreter = InterpreterName };
            alternatives.Add(new InterpretationAlternative(utterance.Said(doubt.Piece), doubt.Meaning, other with { Confidence = Confidence.Of(other, utterance, 1) }));
        }

        return answer with
        {
            Interpreter = InterpreterName,
            Alternatives = alternatives,
            Confidence = Confidence.Of(answer, utterance, alternatives.Count),
        };
    }

    private static AmbiguityPreferences Flip(AmbiguityPreferences preferences, AmbiguityKind kind) => kind switch
    {
        AmbiguityKind.NextWeekday => preferences with
        {
            NextWeekday = preferences.NextWeekday == NextWeekdayReading.Coming ? NextWeekdayReading.NextWeek : NextWeekdayReading.Coming,
        },
        AmbiguityKind.SameWeekday => preferences with
        {
            SameWeekday = preferences.SameWeekday == SameWeekdayReading.WeekLater ? SameWeekdayReading.Today : SameWeekdayReading.WeekLater,
        },
        _ => preferences with
        {
            BareHour = preferences.BareHour == BareHourReading.WorkingDay ? BareHourReading.NextOccurrence : BareHourReading.WorkingDay,
        },
    };

    private static (Interpretation Answer, Utterance Utterance) Classify(InterpretationRequest request)
    {
        var utterance = new Utterance(Normalizer.Tokenize(request.Text), new TimeResolver(request.Now, request.Zone, request.Ambiguity));
        var intent = IntentClassifier.Classify(utterance);
        Interpretation answer = intent switch
        {
            Intent.CreateEvent => SlotFiller.CreateEvent(utterance),
            Intent.CreateReminder => SlotFiller.CreateReminder(utterance),
            Intent.QueryAgenda => SlotFiller.QueryAgenda(utterance),
            Intent.FindFreeTime => SlotFiller.FindFreeTime(utterance),
            Intent.CancelEvent => SlotFiller.CancelEvent(utterance),
            Intent.RescheduleEvent => SlotFiller.RescheduleEvent(utterance),
            Intent.UpdateEvent => SlotFiller.UpdateEvent(utterance),
            Intent.SummarizeMeeting => SlotFiller.SummarizeMeeting(utterance),
            _ => new Interpretation(Intent.Unknown),
        };
        return (answer, utterance);
    }
}

/// <summary>
/// How sure the offline interpreter is: 1 with nothing in doubt, times 0.6 when a reading the user could disagree
/// with decided a time (see <see cref="AmbiguityPreferences"/>), times 0.8 for each weak point: an event with no verb
/// that says "add" ("lunch with mom at 1"), nothing to call it, no event named to change, no new time for a move.
/// Unknown is 0.
/// </summary>
internal static class Confidence
{
    public const double Ambiguous = 0.6;
    public const double Weak = 0.8;

    public static double Of(Interpretation answer, Utterance utterance, int alternatives)
    {
        if (answer.Intent == Intent.Unknown)
        {
            return 0;
        }

        var confidence = alternatives > 0 ? Ambiguous : 1.0;
        var weak = answer.Intent switch
        {
            Intent.CreateEvent => (IntentClassifier.FirstCreateVerb(utterance) < 0 ? 1 : 0) + (answer.Title is null ? 1 : 0),
            Intent.CreateReminder => (answer.Title is null ? 1 : 0) + (answer.RemindAt is null ? 1 : 0),
            Intent.RescheduleEvent => (answer.Target is null ? 1 : 0)
                + (answer is { NewStart: null, NewDate: null, ShiftMinutes: null, DurationMinutes: null, NewEnd: null } ? 1 : 0),
            Intent.CancelEvent or Intent.UpdateEvent => answer.Target is null ? 1 : 0,
            _ => 0,
        };
        for (var i = 0; i < weak; i++)
        {
            confidence *= Weak;
        }

        return Math.Round(confidence, 2);
    }
}

/// <summary>One utterance's tokens, the time expressions among them, and the resolver for its now and zone.</summary>
internal sealed class Utterance
{
    public Utterance(IReadOnlyList<Token> tokens, TimeResolver resolver)
    {
        Tokens = tokens;
        Resolver = resolver;
        Spans = TimeGrammar.Parse(tokens);
        Consumed = new bool[tokens.Count];
        foreach (var span in Spans)
        {
            if (span.Piece is DayPiece { InName: true })
            {
                continue;
            }

            for (var i = span.Start; i < span.End; i++)
            {
                Consumed[i] = true;
            }
        }

        Padded = " " + string.Join(' ', tokens.Select(t => t.Text)) + " ";
    }

    private Frame? _wholeFrame;

    public IReadOnlyList<Token> Tokens { get; }

    public TimeResolver Resolver { get; }

    public List<Span> Spans { get; }

    public bool[] Consumed { get; }

    /// <summary>The normalised words with a space either side, for phrase cues: <c>Has(" do i have ")</c>.</summary>
    public string Padded { get; }

    public bool Has(string phrase) => Padded.Contains(phrase, StringComparison.Ordinal);

    public int IndexOf(params string[] words)
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i].Is(words))
            {
                return i;
            }
        }

        return -1;
    }

    public int IndexOf(int from, params string[] words)
    {
        for (var i = Math.Max(from, 0); i < Tokens.Count; i++)
        {
            if (Tokens[i].Is(words) && !Consumed[i])
            {
                return i;
            }
        }

        return -1;
    }

    public Frame FrameOf(int from, int to) => Frame.From(Spans.Where(s => s.Start >= from && s.End <= to));

    /// <summary>Every time expression of the utterance; read often (cue checks, slots), so gathered once.</summary>
    public Frame WholeFrame => _wholeFrame ??= Frame.From(Spans);

    /// <summary>The words of the time expression that holds <paramref name="piece"/>, as said ("next Friday", "at 7").</summary>
    public string Said(Piece piece)
    {
        foreach (var span in Spans)
        {
            var holds = span.Piece == piece || span.Piece is RoleDayPiece role && role.Day == piece
                || span.Piece is RangePiece range && (range.From == piece || range.To == piece);
            if (holds)
            {
                return string.Join(' ', Tokens.Skip(span.Start).Take(span.End - span.Start).Select(t => t.Raw));
            }
        }

        return piece.ToString();
    }
}
