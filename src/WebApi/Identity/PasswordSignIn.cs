using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.SignIn;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.WebApi.RateLimiting;
using Mediator;

namespace CleanAssistant.WebApi.Identity;

/// <summary>What a password sign-in came to: the user, or the wait imposed by the throttle (the password unchecked), or neither (wrong).</summary>
internal readonly record struct PasswordSignInResult(UserDto? User, TimeSpan? RetryAfter);

/// <summary>
/// A sign-in with e-mail address and password, as the password grant and the login page both do it: the
/// <see cref="ILoginThrottle"/> first (a held-back attempt does not check the password), then the password, then the
/// throttle and the audit log told the outcome. Neither the e-mail address nor the password goes into the audit log.
/// </summary>
internal sealed class PasswordSignIn(IMediator mediator, ILoginThrottle throttle, IAuditLog auditLog)
{
    /// <param name="context">The request (its address counts for the throttle).</param>
    /// <param name="account">The e-mail address as typed.</param>
    /// <param name="password">The password as typed.</param>
    /// <param name="clientId">The OAuth client asking, for the audit log.</param>
    /// <param name="via">Where the attempt came in, for the audit log (<c>grant=password</c>, <c>login-page</c>).</param>
    public async Task<PasswordSignInResult> SignInAsync(HttpContext context, string account, string password, string? clientId, string via)
    {
        var cancellationToken = context.RequestAborted;
        var ip = RateLimitCaller.IpOf(context);
        if (await throttle.CheckAsync(account, ip, cancellationToken) is { } wait)
        {
            await auditLog.RecordAsync(AuditEventKind.LoginFailed, null, clientId, via + " throttled", cancellationToken);
            return new PasswordSignInResult(null, wait);
        }

        var user = await mediator.Send(new SignInCommand(account, password), cancellationToken);
        if (user is null)
        {
            await throttle.RecordFailureAsync(account, ip, cancellationToken);
            await auditLog.RecordAsync(AuditEventKind.LoginFailed, null, clientId, via, cancellationToken);
            return new PasswordSignInResult(null, null);
        }

        await throttle.RecordSuccessAsync(account, ip, cancellationToken);
        await auditLog.RecordAsync(AuditEventKind.LoginSucceeded, user.Id, clientId, via, cancellationToken);
        return new PasswordSignInResult(user, null);
    }
}
