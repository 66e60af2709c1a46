using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Users.GetMe;

public sealed record GetMeQuery : IQuery<UserDto>, IRequireUser;

public sealed class GetMeQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetMeQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var id = currentUser.Id!.Value;
        return await db.Users.Where(u => u.Id == id).ProjectToType<UserDto>().FirstOrDefaultAsync(cancellationToken)
            ?? throw new UnauthenticatedException();
    }
}
