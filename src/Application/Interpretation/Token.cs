namespace CleanAssistant.Application.Interpretation;

/// <summary>One normalised word: <see cref="Text"/> lower case, <see cref="Raw"/> as written (for names and titles).</summary>
internal sealed record Token(string Text, string Raw)
{
    /// <summary>The value of a number, in digits or words ("twenty five", "15th", "fifteenth").</summary>
    public int? Number { get; init; }

    public bool IsOrdinal { get; init; }

    /// <summary>A comma (or other clause break) followed this word; lists of names split on it.</summary>
    public bool BreakAfter { get; init; }

    public bool Is(params string[] words) => Array.IndexOf(words, Text) >= 0;
}
