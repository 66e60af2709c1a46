namespace CleanAssistant.Infrastructure.Tests.Ics;

/// <summary>Hand-written files modeled on what Outlook and Google Calendar export (CRLF, folded lines, their zone styles).</summary>
internal static class RealWorldFiles
{
    /// <summary>Outlook: Windows zone names with their VTIMEZONE, a custom "(UTC+01:00) …" TZID, BYDAY+UNTIL, EXDATE, an override.</summary>
    public static string Outlook => Crlf("""
        BEGIN:VCALENDAR
        PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
        VERSION:2.0
        METHOD:PUBLISH
        X-WR-CALNAME:Work (Outlook)
        BEGIN:VTIMEZONE
        TZID:W. Europe Standard Time
        BEGIN:STANDARD
        DTSTART:16011028T030000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010325T020000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VTIMEZONE
        TZID:(UTC+01:00) Amsterdam\, Berlin\, Bern\, Rome\, Stockholm\, Vienna
        BEGIN:STANDARD
        DTSTART:16011028T030000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010325T020000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VEVENT
        CLASS:PUBLIC
        CREATED:20261001T080000Z
        DESCRIPTION:Weekly sync of the platform team. Agenda: incidents\, roadmap\, 
         hiring. Join on Teams: https://teams.example.com/l/meetup-join/19%3ameetin
         g_abcdef%40thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d\n
        DTEND;TZID="W. Europe Standard Time":20261020T103000
        DTSTAMP:20261120T101010Z
        DTSTART;TZID="W. Europe Standard Time":20261020T100000
        EXDATE;TZID="W. Europe Standard Time":20261027T100000
        LAST-MODIFIED:20261002T090000Z
        LOCATION:Room 4.12
        RRULE:FREQ=WEEKLY;UNTIL=20261119T090000Z;INTERVAL=1;BYDAY=TU,TH;WKST=MO
        SEQUENCE:0
        SUMMARY;LANGUAGE=en-us:Platform sync
        TRANSP:OPAQUE
        UID:040000008200E00074C5B7101A82E0080000000070C5D1E7A1D9DA01000000000000000
         010000000A5C2A3B1C8E1A64E8A9C9E1D2B3C4D5E
        X-MICROSOFT-CDO-BUSYSTATUS:BUSY
        END:VEVENT
        BEGIN:VEVENT
        DTEND;TZID="W. Europe Standard Time":20261105T160000
        DTSTAMP:20261120T101010Z
        DTSTART;TZID="W. Europe Standard Time":20261105T150000
        RECURRENCE-ID;TZID="W. Europe Standard Time":20261105T100000
        SUMMARY:Platform sync (afternoon)
        UID:040000008200E00074C5B7101A82E0080000000070C5D1E7A1D9DA01000000000000000
         010000000A5C2A3B1C8E1A64E8A9C9E1D2B3C4D5E
        X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
        END:VEVENT
        BEGIN:VEVENT
        DTEND;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20261201T130000
        DTSTAMP:20261120T101010Z
        DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20261201T120000
        SUMMARY:Lunch with Carla
        UID:outlook-lunch-1
        STATUS:TENTATIVE
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20261120T101010Z
        SUMMARY:Broken: no start
        UID:outlook-broken-1
        END:VEVENT
        END:VCALENDAR
        """);

    /// <summary>Google: IANA TZIDs with VTIMEZONE, all-day DATE events (transparent), UTC times, a floating time, a cancelled occurrence.</summary>
    public static string Google => Crlf("""
        BEGIN:VCALENDAR
        PRODID:-//Google Inc//Google Calendar 70.9054//EN
        VERSION:2.0
        CALSCALE:GREGORIAN
        METHOD:PUBLISH
        X-WR-CALNAME:ann@example.com
        X-WR-TIMEZONE:Europe/Berlin
        BEGIN:VTIMEZONE
        TZID:America/New_York
        X-LIC-LOCATION:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:19700308T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:19701101T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20261224
        DTEND;VALUE=DATE:20261227
        DTSTAMP:20261120T101010Z
        UID:xmas-2026@google.com
        CREATED:20261001T080000Z
        DESCRIPTION:
        LAST-MODIFIED:20261001T080000Z
        LOCATION:
        SEQUENCE:0
        STATUS:CONFIRMED
        SUMMARY:Christmas at my parents'
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;TZID=America/New_York:20261102T083000
        DTEND;TZID=America/New_York:20261102T090000
        RRULE:FREQ=DAILY;COUNT=5;BYDAY=MO,TU,WE,TH,FR
        DTSTAMP:20261120T101010Z
        UID:nyc-call@google.com
        SUMMARY:Call with the New York office
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;TZID=America/New_York:20261104T083000
        DTEND;TZID=America/New_York:20261104T090000
        RECURRENCE-ID;TZID=America/New_York:20261104T083000
        DTSTAMP:20261120T101010Z
        UID:nyc-call@google.com
        STATUS:CANCELLED
        SUMMARY:Call with the New York office
        END:VEVENT
        BEGIN:VEVENT
        DTSTART:20261203T150000Z
        DTEND:20261203T160000Z
        DTSTAMP:20261120T101010Z
        UID:utc-webinar@google.com
        SUMMARY:Webinar (UTC)
        END:VEVENT
        BEGIN:VEVENT
        DTSTART:20261204T190000
        DTEND:20261204T220000
        DTSTAMP:20261120T101010Z
        UID:floating-dinner@google.com
        SUMMARY:Dinner (floating time)
        END:VEVENT
        END:VCALENDAR
        """);

    public static string Crlf(string text) => text.ReplaceLineEndings("\r\n") + "\r\n";
}
