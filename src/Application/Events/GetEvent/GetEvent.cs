using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Events;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Events.GetEvent;

public sealed record GetEventQuery(EventId Id) : IQuery<EventDto>, IRequireUser;

public sealed class GetEventQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetEventQuery, EventDto>
{
    public async ValueTask<EventDto> Handle(GetEventQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        return await db.Events.Where(e => e.Id == query.Id && e.OwnerId == owner)
                .ProjectToType<EventDto>()
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Event", query.Id);
    }
}
