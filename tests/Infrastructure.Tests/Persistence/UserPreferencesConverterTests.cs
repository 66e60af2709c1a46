using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;

namespace CleanAssistant.Infrastructure.Tests.Persistence;

public sealed class UserPreferencesConverterTests
{
    private readonly UserPreferencesConverter _converter = new();

    [Fact]
    public void OldRowsWithoutAmbiguity_ReadAsTheContractDefaults()
    {
        const string Old = """{"WorkWeek":"MO-FR 09:00-17:00","DefaultMeetingMinutes":45,"BufferBeforeMinutes":0,"BufferAfterMinutes":10,"PreferredTimeOfDay":"Morning","Earliest":null,"Latest":"18:00"}""";

        var preferences = (UserPreferences)_converter.ConvertFromProvider(Old)!;

        preferences.DefaultMeetingLength.ShouldBe(NodaTime.Duration.FromMinutes(45));
        preferences.Ambiguity.ShouldBe(AmbiguityPreferences.Default);
    }

    [Fact]
    public void AmbiguityReadings_RoundTrip()
    {
        var ambiguity = new AmbiguityPreferences
        {
            NextWeekday = NextWeekdayReading.NextWeek,
            SameWeekday = SameWeekdayReading.Today,
            BareHour = BareHourReading.NextOccurrence,
        };

        var json = (string)_converter.ConvertToProvider(UserPreferences.Default with { Ambiguity = ambiguity })!;
        var read = (UserPreferences)_converter.ConvertFromProvider(json)!;

        read.Ambiguity.ShouldBe(ambiguity);
    }
}
