using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Paging;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Common.Validation;
using FluentValidation;
using Mapster;
using Mediator;

namespace CleanAssistant.Application.Users.ListUsers;

/// <summary>All accounts, oldest first. Administrators only.</summary>
public sealed record ListUsersQuery(int First = Cursor.DefaultPageSize, string? After = null) : IQuery<Page<UserDto>>, IRequireAdmin;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator() => RuleFor(q => q.First).MustBePageSize();
}

public sealed class ListUsersQueryHandler(IApplicationDbContext db) : IQueryHandler<ListUsersQuery, Page<UserDto>>
{
    public async ValueTask<Page<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var offset = Cursor.OffsetAfter(query.After);
        var rows = await db.Users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip(offset).Take(query.First + 1)
            .ProjectToType<UserDto>()
            .ToListAsync(cancellationToken);
        return rows.ToPage(offset, query.First);
    }
}
