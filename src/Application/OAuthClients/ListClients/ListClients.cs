using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using Mediator;

namespace CleanAssistant.Application.OAuthClients.ListClients;

/// <summary>The registered third-party OAuth clients (never their secrets). Administrators only.</summary>
public sealed record ListClientsQuery : IQuery<IReadOnlyList<OAuthClientDto>>, IRequireAdmin;

public sealed class ListClientsQueryHandler(IOAuthClientRegistry registry) : IQueryHandler<ListClientsQuery, IReadOnlyList<OAuthClientDto>>
{
    public async ValueTask<IReadOnlyList<OAuthClientDto>> Handle(ListClientsQuery query, CancellationToken cancellationToken) =>
        await registry.ListAsync(cancellationToken);
}
