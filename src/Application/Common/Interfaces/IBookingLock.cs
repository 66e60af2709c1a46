using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>
/// Serializes bookings of the same people: once acquired, no other unit of work can check-and-book
/// these users until this one commits or rolls back. It is what makes "no double booking" hold
/// under concurrency (a database lock on PostgreSQL, the single-writer lock on SQLite).
/// </summary>
public interface IBookingLock
{
    Task AcquireAsync(IReadOnlyCollection<UserId> users, CancellationToken cancellationToken);
}
