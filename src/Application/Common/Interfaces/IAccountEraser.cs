using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>Erases an account for good (right to erasure).</summary>
public interface IAccountEraser
{
    /// <summary>
    /// Hard-deletes, in one transaction and at once (not at the next save), every row the user owns (soft-deleted ones
    /// included), their OAuth tokens and authorizations, and the account itself; their audit events lose the IP address.
    /// Returns the number of rows deleted (0: there was no such user).
    /// </summary>
    Task<int> EraseAsync(UserId userId, CancellationToken cancellationToken);
}
