namespace CleanAssistant.Application.Interpretation;

/// <summary>
/// The cue words the offline interpreter keys on, for components that must expect what people say to the
/// product (a speech recogniser's domain language model is generated from them).
/// </summary>
public static class InterpreterVocabulary
{
    public static IReadOnlyList<string> CreateVerbs => IntentClassifier.CreateVerbs;

    public static IReadOnlyList<string> CancelVerbs => IntentClassifier.CancelVerbs;

    public static IReadOnlyList<string> MoveVerbs => IntentClassifier.MoveVerbs;
}
