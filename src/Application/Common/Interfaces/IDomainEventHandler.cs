using CleanAssistant.Domain.Common;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>
/// Reacts to domain events before the changes that raised them are saved, in the same unit of work (its writes are
/// committed with them, or not at all). Gets every event of the save at once, so it can act on each thing once.
/// </summary>
public interface IDomainEventHandler
{
    ValueTask HandleAsync(IReadOnlyList<IDomainEvent> domainEvents, CancellationToken cancellationToken);
}
