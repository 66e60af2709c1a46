using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Reminders;

internal static class ReminderAccess
{
    /// <summary>The owner's reminder, tracked; another user's is not found, as if it did not exist.</summary>
    public static async Task<Reminder> GetOwnedAsync(this IApplicationDbContext db, ReminderId id, UserId owner, CancellationToken cancellationToken) =>
        await db.Reminders.Where(r => r.Id == id && r.OwnerId == owner).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Reminder", id);

    /// <summary>The DTO, with the event's title for an event reminder.</summary>
    public static async Task<ReminderDto> ToDtoAsync(this IApplicationDbContext db, Reminder reminder, CancellationToken cancellationToken)
    {
        string? title = null;
        if (reminder.EventId is { } eventId)
        {
            title = await db.Events.Where(e => e.Id == eventId).Select(e => e.Title).FirstOrDefaultAsync(cancellationToken);
        }

        return reminder.ToDto(title);
    }
}
