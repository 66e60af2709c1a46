using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Users;
using Mediator;

namespace CleanAssistant.Application.Privacy.DeleteMyAccount;

/// <summary>
/// Erases the caller's account and everything it holds, at once and for good (right to erasure). The caller confirms by
/// typing their e-mail address; anything else is a validation error and nothing is deleted.
/// </summary>
public sealed record DeleteMyAccountCommand(string Confirm) : ICommand<int>, IRequireUser
{
    public override string ToString() => $"{nameof(DeleteMyAccountCommand)} {{ Confirm = *** }}";
}

public sealed class DeleteMyAccountCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, AccountDeletion deletion)
    : ICommandHandler<DeleteMyAccountCommand, int>
{
    public async ValueTask<int> Handle(DeleteMyAccountCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var email = await db.Users.Where(u => u.Id == owner).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("User", owner);
        if (User.NormalizeEmail(command.Confirm ?? string.Empty) != email)
        {
            throw new ValidationException([new ValidationFailure("confirm", "Type your account's e-mail address to confirm the deletion.")]);
        }

        return await deletion.EraseAsync(owner, cancellationToken);
    }
}

/// <summary>An administrator erases someone's account and everything it holds, at once and for good.</summary>
public sealed record DeleteUserCommand(UserId UserId) : ICommand<int>, IRequireAdmin;

public sealed class DeleteUserCommandHandler(AccountDeletion deletion) : ICommandHandler<DeleteUserCommand, int>
{
    public async ValueTask<int> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
        var erased = await deletion.EraseAsync(command.UserId, cancellationToken);
        return erased > 0 ? erased : throw new NotFoundException("User", command.UserId);
    }
}

/// <summary>What both deletions do: erase the rows, stop the user's daily agenda job, and record it in the audit log.</summary>
public sealed class AccountDeletion(IAccountEraser eraser, IAgendaBriefingScheduler agendaBriefings, IAuditLog auditLog)
{
    public async Task<int> EraseAsync(UserId userId, CancellationToken cancellationToken)
    {
        var erased = await eraser.EraseAsync(userId, cancellationToken);
        if (erased > 0)
        {
            agendaBriefings.Schedule(userId, null, Domain.Common.TimeZoneId.Utc);
            await auditLog.RecordAsync(AuditEventKind.AccountDeleted, userId, cancellationToken: cancellationToken);
        }

        return erased;
    }
}
