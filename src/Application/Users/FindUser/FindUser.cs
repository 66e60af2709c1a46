using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Users;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Users.FindUser;

/// <summary>A user by id, or null. For the token server (refresh grants), which acts before any user is signed in.</summary>
public sealed record FindUserQuery(UserId Id) : IQuery<UserDto?>;

public sealed class FindUserQueryHandler(IApplicationDbContext db) : IQueryHandler<FindUserQuery, UserDto?>
{
    public async ValueTask<UserDto?> Handle(FindUserQuery query, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == query.Id).ProjectToType<UserDto>().FirstOrDefaultAsync(cancellationToken);
}
