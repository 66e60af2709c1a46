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
        Field<NonNullGraphType<AmbiguityPreferencesType>>("ambiguity").Description("How the assistant reads expressions people disagree on, such as \"next Friday\" or \"at 7\".").Resolve(c => c.Source.Ambiguity);
    }
}

public sealed class AmbiguityPreferencesType : ObjectGraphType<AmbiguityPreferences>
{
    public AmbiguityPreferencesType()
    {
        Name = "AmbiguityPreferences";
        Description = "How the assistant reads time expressions people disagree on; when an answer depended on one, it also offers the other reading.";
        Field<NonNullGraphType<NextWeekdayReadingType>>("nextWeekday").Description("What \"next Friday\" means.").Resolve(c => c.Source.NextWeekday);
        Field<NonNullGraphType<SameWeekdayReadingType>>("sameWeekday").Description("What a bare weekday means when said on that weekday (\"Friday\", said on a Friday).").Resolve(c => c.Source.SameWeekday);
        Field<NonNullGraphType<BareHourReadingType>>("bareHour").Description("What a clock hour without am/pm means (\"at 7\").").Resolve(c => c.Source.BareHour);
    }
}

public sealed class NextWeekdayReadingType : EnumerationGraphType<NextWeekdayReading>
{
    public NextWeekdayReadingType()
    {
        Name = "NextWeekdayReading";
        Description = "What \"next <weekday>\" means.";
        Values["COMING"]!.Description = "The first such day after today (\"next Friday\" said on Wednesday is in two days).";
        Values["NEXT_WEEK"]!.Description = "That day of next week (\"next Friday\" said on Wednesday is in nine days).";
    }
}

public sealed class SameWeekdayReadingType : EnumerationGraphType<SameWeekdayReading>
{
    public SameWeekdayReadingType()
    {
        Name = "SameWeekdayReading";
        Description = "What a bare weekday means when said on that weekday.";
        Values["WEEK_LATER"]!.Description = "A week from today.";
        Values["TODAY"]!.Description = "Today.";
    }
}

public sealed class BareHourReadingType : EnumerationGraphType<BareHourReading>
{
    public BareHourReadingType()
    {
        Name = "BareHourReading";
        Description = "What a clock hour without am/pm or a part of day means.";
        Values["WORKING_DAY"]!.Description = "1 to 6 are afternoon, 7 to 11 morning, 12 noon: the hours people usually meet.";
        Values["NEXT_OCCURRENCE"]!.Description = "The next time the clock shows that hour, morning or evening.";
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

    public NextWeekdayReading? NextWeekday { get; init; }

    public SameWeekdayReading? SameWeekday { get; init; }

    public BareHourReading? BareHour { get; init; }
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
        Field<NextWeekdayReadingType>("nextWeekday").Description("What \"next Friday\" means.");
        Field<SameWeekdayReadingType>("sameWeekday").Description("What a bare weekday means when said on that weekday.");
        Field<BareHourReadingType>("bareHour").Description("What a clock hour without am/pm means.");
    }
}
