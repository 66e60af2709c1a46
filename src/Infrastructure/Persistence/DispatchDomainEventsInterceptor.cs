using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>
/// Hands the domain events raised by tracked entities to the <see cref="IDomainEventHandler"/>s just before a save,
/// so what they change is saved, and committed, with the changes that raised them. Events raised by the handlers'
/// own changes are dispatched too, a few rounds at most.
/// </summary>
/// <param name="services">The scope of the context: handlers are resolved at save time (they use the context themselves).</param>
internal sealed class DispatchDomainEventsInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private const int MaxRounds = 4;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await DispatchAsync(context, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            DispatchAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    private async ValueTask DispatchAsync(DbContext context, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var raised = context.ChangeTracker.Entries<IHasDomainEvents>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
            if (raised.Count == 0)
            {
                return;
            }

            var domainEvents = raised.SelectMany(e => e.DomainEvents).ToList();
            raised.ForEach(e => e.ClearDomainEvents());
            foreach (var handler in services.GetServices<IDomainEventHandler>())
            {
                await handler.HandleAsync(domainEvents, cancellationToken);
            }
        }
    }
}
