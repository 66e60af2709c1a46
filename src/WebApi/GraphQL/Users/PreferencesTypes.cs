using CleanAssistant.Domain.Scheduling;
using CleanAssistant.Domain.Users;
using CleanAssistant.WebApi.GraphQL.Common;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL.Users;

public sealed class UserPreferencesType : ObjectGraphType<UserPreferences>
{
    public UserPreferencesType()
    {
        Name = "UserPreferences";
        Description = "How the user works and likes meetings; used for free time, suggestions and new events.";
        Field(p => p.WorkWeek).Description("Working hours in the user's zone, e.g. \"MO-FR 09:00-17:00\" or \"MO,TU 09:00-12:00,13:00-17:00; WE 10:00-14:00\". Days not named are off.");
        Field<NonNullGraphType<IntGraphType>>("defaultMeetingMinutes").Description("Length of a new event given without an end.").Resolve(c => (int)c.Source.DefaultMeetingLength.TotalMinutes);
        Field<NonNullGraphType<IntGraphType>>("bufferBeforeMinutes").Description("Free time kept before each meeting.").Resolve(c => (int)c.Source.BufferBefore.TotalMinutes);
        Field<NonNullGraphType<IntGraphType>>("bufferAfterMinutes").Description("Free time kept after each meeting.").Resolve(c => (int)c.Source.BufferAfter.TotalMinutes);
        Field<NonNullGraphType<TimeOfDayPreferenceType>>("preferredTimeOfDay").Description("When meetings are preferred.").Resolve(c => c.Source.PreferredTimeOfDay);
        Field<LocalTimeGraphType>("earliestTime").Description("No meetings before this local time.").Resolve(c => c.Source.EarliestLocal);
        Field<LocalTimeGraphType>("latestTime").Description("No meetings after this local time.").Resolve(c => c.Source.LatestLocal);
    }
}

public sealed class TimeOfDayPreferenceType : EnumerationGraphType<TimeOfDayPreference>
{
    public TimeOfDayPreferenceType()
    {
        Name = "TimeOfDayPreference";
        Description = "When a person prefers meetings.";
        Values["NONE"]!.Description = "No preference.";
        Values["MORNING"]!.Description = "Meetings that end by noon.";
        Values["AFTERNOON"]!.Description = "Meetings that start at noon or later.";
    }
}

public sealed record UpdatePreferencesInput
{
    public string? TimeZone { get; init; }

    public string? WorkWeek { get; init; }

    public int? DefaultMeetingMinutes { get; init; }

    public int? BufferBeforeMinutes { get; init; }

    public int? BufferAfterMinutes { get; init; }

    public TimeOfDayPreference? PreferredTimeOfDay { get; init; }

    public LocalTime? EarliestTime { get; init; }

    public LocalTime? LatestTime { get; init; }
}

public sealed class UpdatePreferencesInputType : InputObjectGraphType<UpdatePreferencesInput>
{
    public UpdatePreferencesInputType()
    {
        Name = "UpdatePreferencesInput";
        Description = "Changes to the signed-in user's zone and preferences; fields left out stay as they are.";
        Field(i => i.TimeZone, nullable: true).Description("IANA time zone, e.g. Europe/Berlin.");
        Field(i => i.WorkWeek, nullable: true).Description("Working hours, e.g. \"MO-FR 09:00-17:00\".");
        Field(i => i.DefaultMeetingMinutes, nullable: true).Description("1 to 720.");
        Field(i => i.BufferBeforeMinutes, nullable: true).Description("0 to 240.");
        Field(i => i.BufferAfterMinutes, nullable: true).Description("0 to 240.");
        Field<TimeOfDayPreferenceType>("preferredTimeOfDay").Description("When meetings are preferred.");
        Field<LocalTimeGraphType>("earliestTime").Description("No meetings before this local time.");
        Field<LocalTimeGraphType>("latestTime").Description("No meetings after this local time.");
    }
}
