namespace CleanAssistant.Domain.Common;

/// <summary>Base of every entity: identity and the domain events it raised since it was loaded.</summary>
public abstract class Entity<TId> : IHasDomainEvents
    where TId : struct
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public TId Id { get; protected init; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}

/// <summary>Something that happened in the domain that other parts may react to.</summary>
public interface IDomainEvent;

/// <summary>An object that collects the domain events it raised until they are dispatched.</summary>
public interface IHasDomainEvents
{
    IReadOnlyList<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

/// <summary>An entity whose concurrent changes are detected by a version number.</summary>
public interface IVersioned
{
    int Version { get; }
}
