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
        return Classify(request) with { Interpreter = InterpreterName };
    }

    private static Interpretation Classify(InterpretationRequest request)
    {
        var utterance = new Utterance(Normalizer.Tokenize(request.Text), new TimeResolver(request.Now, request.Zone));
        var intent = IntentClassifier.Classify(utterance);
        return intent switch
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
            for (var i = span.Start; i < span.End; i++)
            {
                Consumed[i] = true;
            }
        }

        Padded = " " + string.Join(' ', tokens.Select(t => t.Text)) + " ";
    }

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

    public Frame WholeFrame => Frame.From(Spans);
}
