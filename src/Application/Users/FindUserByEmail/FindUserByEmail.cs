using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Domain.Users;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Users.FindUserByEmail;

/// <summary>
/// A user by e-mail address (compared as stored: trimmed, lower case), or null. For the command line, which names
/// the user it acts for before anyone is signed in.
/// </summary>
public sealed record FindUserByEmailQuery(string Email) : IQuery<UserDto?>;

public sealed class FindUserByEmailQueryHandler(IApplicationDbContext db) : IQueryHandler<FindUserByEmailQuery, UserDto?>
{
    public async ValueTask<UserDto?> Handle(FindUserByEmailQuery query, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(query.Email);
        return await db.Users.Where(u => u.Email == email).ProjectToType<UserDto>().FirstOrDefaultAsync(cancellationToken);
    }
}
