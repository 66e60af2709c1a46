using CleanAssistant.Application.Interpretation;
using CleanAssistant.Domain.Users;
using NodaTime;
using NodaTime.Text;
using InterpretationResult = CleanAssistant.Application.Interpretation.Interpretation;

namespace CleanAssistant.Application.Tests.Interpretation;

/// <summary>Utterances said on Wednesday 2026-11-18 at 10:20 in New York (UTC-5), and instants as the contract writes them.</summary>
internal static class Said
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static readonly LocalDateTime Wednesday = new(2026, 11, 18, 10, 20);

    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public static InterpretationRequest Request(string text, AmbiguityPreferences? ambiguity = null, LocalDateTime? now = null) =>
        new(text, now ?? Wednesday, NewYork) { Ambiguity = ambiguity ?? AmbiguityPreferences.Default };

    public static InterpretationResult Interpret(string text, AmbiguityPreferences? ambiguity = null, LocalDateTime? now = null) =>
        OfflineInterpreter.Interpret(Request(text, ambiguity, now));

    public static string? Iso(OffsetDateTime? value) => value is { } v ? Pattern.Format(v) : null;
}
