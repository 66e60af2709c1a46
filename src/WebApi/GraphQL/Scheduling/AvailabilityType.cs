using CleanAssistant.Domain.Scheduling;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Scheduling;

public sealed class AvailabilityType : EnumerationGraphType<Availability>
{
    public AvailabilityType()
    {
        Name = "Availability";
        Description = "How an event's time shows to conflict checks and to others (Microsoft Graph's showAs).";
        Values["FREE"]!.Description = "Transparent: never conflicts (birthdays, holidays, reminders).";
        Values["TENTATIVE"]!.Description = "Probably taken; reported as a tentative conflict.";
        Values["BUSY"]!.Description = "Taken. The default.";
        Values["OUT_OF_OFFICE"]!.Description = "Away; taken.";
        Values["WORKING_ELSEWHERE"]!.Description = "Working, just somewhere else (home, another office): says where, does not take the time.";
    }
}
