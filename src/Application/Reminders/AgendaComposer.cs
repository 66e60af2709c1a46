using System.Globalization;
using System.Text;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Events;
using CleanAssistant.Domain.Users;
using NodaTime;
using NodaTime.Text;

namespace CleanAssistant.Application.Reminders;

/// <summary>The text of a user's agenda for the local day that contains <c>now</c>, for the morning briefing.</summary>
public static class AgendaComposer
{
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The recipient, the subject and the body; null when the user no longer exists.</summary>
    public static async Task<(string Email, string Subject, string Body)?> ComposeAsync(IApplicationDbContext db, UserId userId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.TimeZone }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var zone = user.TimeZone.Zone;
        var today = now.InZone(zone).Date;
        var from = zone.AtStartOfDay(today).ToInstant();
        var to = zone.AtStartOfDay(today.PlusDays(1)).ToInstant();
        var shown = await db.Events.Where(e => e.OwnerId == userId).ExpandAsync(from, to, cancellationToken);

        var body = new StringBuilder();
        if (shown.Count == 0)
        {
            body.AppendLine("Nothing in your calendar today.");
        }

        foreach (var (_, occurrence) in shown)
        {
            var when = occurrence.IsAllDay ? "all day" : $"{Time.Format(occurrence.Start.InZone(zone).TimeOfDay)}–{Time.Format(occurrence.End.InZone(zone).TimeOfDay)}";
            body.AppendLine(CultureInfo.InvariantCulture, $"{when}  {occurrence.Title}");
        }

        var subject = string.Create(CultureInfo.InvariantCulture, $"Your agenda for {today:dddd d MMMM}: {shown.Count} event(s)");
        return (user.Email, subject, body.ToString());
    }
}
