using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Paging;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Common.Validation;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using FluentValidation;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Auditing.ListAuditEvents;

/// <summary>The audit log, newest first, optionally of one user or one kind. Administrators only.</summary>
public sealed record ListAuditEventsQuery(int First = Cursor.DefaultPageSize, string? After = null, UserId? UserId = null, AuditEventKind? Kind = null)
    : IQuery<Page<AuditEventDto>>, IRequireAdmin;

/// <summary>One audit event.</summary>
public sealed record AuditEventDto(Guid Id, Instant At, AuditEventKind Kind, UserId? UserId, string? ClientId, string? IpAddress, string? Details);

public sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator() => RuleFor(q => q.First).MustBePageSize();
}

public sealed class ListAuditEventsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListAuditEventsQuery, Page<AuditEventDto>>
{
    public async ValueTask<Page<AuditEventDto>> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var offset = Cursor.OffsetAfter(query.After);
        var events = db.AuditEvents;
        if (query.UserId is { } userId)
        {
            events = events.Where(a => a.UserId == userId);
        }

        if (query.Kind is { } kind)
        {
            events = events.Where(a => a.Kind == kind);
        }

        var rows = await events.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(offset).Take(query.First + 1)
            .Select(a => new AuditEventDto(a.Id, a.At, a.Kind, a.UserId, a.ClientId, a.IpAddress, a.Details))
            .ToListAsync(cancellationToken);
        return rows.ToPage(offset, query.First);
    }
}
