namespace CleanAssistant.Domain.Scheduling;

/// <summary>How an event shows on its owner's free/busy (iCalendar TRANSP, Outlook "show as").</summary>
public enum Availability
{
    /// <summary>Transparent: never blocks anything (birthdays, holidays shown as free, reminders).</summary>
    Free = 0,
    Tentative = 1,
    Busy = 2,
    OutOfOffice = 3,

    /// <summary>Working, just not at the usual place; it says where, not that the person is taken.</summary>
    WorkingElsewhere = 4,
}

/// <summary>An attendee's availability for one suggested slot, as in Graph's freeBusyStatus plus what our rules add.</summary>
public enum SlotAvailability
{
    Free = 0,
    Tentative = 1,
    Busy = 2,
    OutOfOffice = 3,
    WorkingElsewhere = 4,

    /// <summary>Their calendar could not be read; only their hours were applied.</summary>
    Unknown = 5,

    /// <summary>Outside the hours the request's scope allows for them (working or waking hours, days, earliest/latest).</summary>
    OutsideHours = 6,

    /// <summary>Free, but inside the buffer they keep around their other events.</summary>
    Buffer = 7,
}
