namespace CleanAssistant.Application.Common.Security;

/// <summary>What the scopes granted to a token allow, with the implications between the <see cref="ApiScopes"/>.</summary>
public static class ScopeGrants
{
    /// <summary>
    /// Whether a token granted <paramref name="granted"/> may do what <paramref name="required"/> allows:
    /// calendar.write includes calendar.read, which includes calendar.freebusy.
    /// </summary>
    public static bool Allows(IReadOnlySet<string> granted, string required)
    {
        ArgumentNullException.ThrowIfNull(granted);
        return granted.Contains(required) || required switch
        {
            ApiScopes.CalendarFreeBusy => granted.Contains(ApiScopes.CalendarRead) || granted.Contains(ApiScopes.CalendarWrite),
            ApiScopes.CalendarRead => granted.Contains(ApiScopes.CalendarWrite),
            _ => false,
        };
    }
}
