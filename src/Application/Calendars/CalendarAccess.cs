using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Calendars;
using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Calendars;

internal static class CalendarAccess
{
    /// <summary>The caller's calendars only: another user's calendar is indistinguishable from a missing one.</summary>
    public static IQueryable<Calendar> OwnedBy(this IQueryable<Calendar> calendars, UserId owner) =>
        calendars.Where(c => c.OwnerId == owner);

    public static async Task<Calendar> GetOwnedAsync(this IApplicationDbContext db, CalendarId id, UserId owner, CancellationToken cancellationToken) =>
        await db.Calendars.OwnedBy(owner).Where(c => c.Id == id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Calendar", id);

    public static void EnsureVersion(this Domain.Common.IVersioned entity, int? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != entity.Version)
        {
            throw new ConflictException(
                "VERSION_MISMATCH",
                $"It was changed by someone else (version {entity.Version}, you had {expected}); reload and try again.");
        }
    }
}
