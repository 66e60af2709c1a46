namespace CleanAssistant.Application.Common.Security;

/// <summary>
/// The OAuth scopes of the API: what a token lets its holder do on the user's behalf. A first-party app asks for
/// all of them; a third-party app asks for what it needs and the user consents to that.
/// </summary>
public static class ApiScopes
{
    /// <summary>Busy blocks of the user's calendars only: start, end and free/busy, never titles, places or people.</summary>
    public const string CalendarFreeBusy = "calendar.freebusy";

    /// <summary>Read the user's calendars, events and reminders (includes <see cref="CalendarFreeBusy"/>).</summary>
    public const string CalendarRead = "calendar.read";

    /// <summary>Create, change and delete events, reminders and calendars (includes <see cref="CalendarRead"/>).</summary>
    public const string CalendarWrite = "calendar.write";

    /// <summary>Talk to the assistant: send messages and voice commands, read the conversations.</summary>
    public const string Assistant = "assistant";

    /// <summary>Read and delete stored voice recordings and transcripts.</summary>
    public const string VoiceHistory = "voice.history";

    /// <summary>The account itself: export everything the service holds about the user, or delete the account.</summary>
    public const string Account = "account";

    /// <summary>Administration (users, OAuth clients, jobs); the token's user must also have the admin role.</summary>
    public const string Admin = "admin";

    /// <summary>Every API scope with what the consent page tells the user it allows.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CalendarFreeBusy] = "See when you are busy (not what your events are)",
        [CalendarRead] = "See your calendars, events and reminders",
        [CalendarWrite] = "Create, change and delete your events and reminders",
        [Assistant] = "Talk to your assistant for you, by text and voice",
        [VoiceHistory] = "See and delete your stored voice recordings and transcripts",
        [Account] = "Export all your data or delete your account",
        [Admin] = "Administer the service (administrators only)",
    };

    /// <summary>All API scopes.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Descriptions.Keys];
}
