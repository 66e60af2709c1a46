using System.Globalization;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Interpretation.Llm;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Interpretation;

/// <summary>
/// The usage ledger in our database. Each call uses a DbContext of its own (a fresh scope), so a record is
/// written at once and survives whatever the request's unit of work does (a dry run, a rollback): an atomic
/// increment of the month's row, or its insert when there is none (a concurrent insert is retried as an increment).
/// </summary>
internal sealed class EfLlmUsageLedger(IServiceScopeFactory scopes, TimeProvider time) : ILlmUsageLedger
{
    public async ValueTask RecordAsync(LlmUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var month = Month();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.LlmUsage
                .Where(u => u.UserId == usage.UserId && u.Month == month && u.Provider == usage.Provider && u.Model == usage.Model
                    && u.PromptVersion == usage.PromptVersion)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(u => u.InputTokens, u => u.InputTokens + usage.InputTokens)
                        .SetProperty(u => u.OutputTokens, u => u.OutputTokens + usage.OutputTokens)
                        .SetProperty(u => u.Requests, u => u.Requests + 1),
                    cancellationToken);
            if (updated > 0)
            {
                return;
            }

            db.LlmUsage.Add(new LlmUsageRecord
            {
                Id = Guid.CreateVersion7(),
                UserId = usage.UserId,
                Provider = usage.Provider,
                Model = usage.Model,
                PromptVersion = usage.PromptVersion,
                Month = month,
                InputTokens = usage.InputTokens,
                OutputTokens = usage.OutputTokens,
                Requests = 1,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (ConflictException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async ValueTask<long> TokensThisMonthAsync(UserId userId, CancellationToken cancellationToken)
    {
        var month = Month();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.LlmUsage.AsNoTracking()
            .Where(u => u.UserId == userId && u.Month == month)
            .SumAsync(u => (long?)(u.InputTokens + u.OutputTokens), cancellationToken) ?? 0;
    }

    private string Month() => time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
