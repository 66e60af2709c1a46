using System.Buffers.Binary;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>
/// Opens the unit of work's transaction early and, on PostgreSQL, takes a transaction-scoped advisory
/// lock per person (in a fixed order, so two bookings of the same people cannot deadlock). On SQLite the
/// transaction starts with BEGIN IMMEDIATE, which takes the database's single write lock. Either way
/// the lock is held until the unit of work commits.
/// </summary>
internal sealed class DatabaseBookingLock(ApplicationDbContext db) : IBookingLock
{
    public async Task AcquireAsync(IReadOnlyCollection<UserId> users, CancellationToken cancellationToken)
    {
        await db.BeginUnitOfWorkTransactionAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        foreach (var key in users.Select(LockKey).Distinct().Order())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
    }

    /// <summary>Advisory locks take a 64-bit key; the first 8 bytes of a random or v7 uuid spread well enough.</summary>
    private static long LockKey(UserId user)
    {
        Span<byte> bytes = stackalloc byte[16];
        user.Value.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
    }
}
