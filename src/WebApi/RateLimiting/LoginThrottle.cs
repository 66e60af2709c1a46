using System.Security.Cryptography;
using System.Text;
using CleanAssistant.Infrastructure.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>
/// Guards sign-ins against password guessing and credential stuffing. Call <see cref="CheckAsync"/> before checking
/// a password (and do not check it when refused), then <see cref="RecordFailureAsync"/> or
/// <see cref="RecordSuccessAsync"/>. Every endpoint that takes a password uses it: <c>/connect/token</c> and login forms.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>Null when the attempt may go on; otherwise how long the caller must wait (send it as <c>Retry-After</c>).</summary>
    /// <param name="account">The account name as typed (an e-mail address); compared case-insensitively.</param>
    /// <param name="ip">The client's address (<see cref="RateLimitCaller.IpOf"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask<TimeSpan?> CheckAsync(string account, string ip, CancellationToken cancellationToken);

    /// <summary>A wrong password (or unknown account): counts against the address and the account from that address.</summary>
    /// <param name="account">The account name as typed.</param>
    /// <param name="ip">The client's address.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask RecordFailureAsync(string account, string ip, CancellationToken cancellationToken);

    /// <summary>A correct password: forgets the account's failures from that address.</summary>
    /// <param name="account">The account name as typed.</param>
    /// <param name="ip">The client's address.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask RecordSuccessAsync(string account, string ip, CancellationToken cancellationToken);
}

/// <summary>
/// Failures are counted per (account, address): after <see cref="LoginThrottleOptions.FreeFailures"/> of them, each
/// further failure makes that pair wait, twice as long each time, at most <see cref="LoginThrottleOptions.MaxBackoff"/>.
/// An attacker's guesses therefore slow down only the attacker's address: the owner signing in from elsewhere is not
/// locked out, and no lockout outlasts the cap. Failures from one address across all accounts have a budget too
/// (<see cref="LoginThrottleOptions.PerIp"/>), against one address trying many accounts.
/// </summary>
internal sealed partial class LoginThrottle(IRateLimitStore store, IOptionsMonitor<RateLimitOptions> options, ILogger<LoginThrottle> logger) : ILoginThrottle
{
    public async ValueTask<TimeSpan?> CheckAsync(string account, string ip, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return null;
        }

        var fromIp = await store.GetAsync(IpKey(ip), cancellationToken);
        if (fromIp.Count >= settings.Login.PerIp.Limit && fromIp.ExpiresIn > TimeSpan.Zero)
        {
            return fromIp.ExpiresIn;
        }

        var blocked = await store.GetAsync(BlockKey(account, ip), cancellationToken);
        return blocked.ExpiresIn > TimeSpan.Zero ? blocked.ExpiresIn : null;
    }

    public async ValueTask RecordFailureAsync(string account, string ip, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return;
        }

        var login = settings.Login;
        await store.IncrementAsync(IpKey(ip), 1, login.PerIp.Window, renew: false, cancellationToken);
        var failures = (await store.IncrementAsync(FailureKey(account, ip), 1, login.FailureMemory, renew: true, cancellationToken)).Count;
        if (failures > login.FreeFailures)
        {
            var backoff = Backoff(login, failures);
            await store.IncrementAsync(BlockKey(account, ip), 1, backoff, renew: true, cancellationToken);
            LogThrottled(logger, ip, failures, (int)backoff.TotalSeconds);
        }
    }

    public async ValueTask RecordSuccessAsync(string account, string ip, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Enabled)
        {
            await store.DeleteAsync([FailureKey(account, ip), BlockKey(account, ip)], cancellationToken);
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure: doubling from the first one beyond the free ones, capped.</summary>
    internal static TimeSpan Backoff(LoginThrottleOptions login, long failures)
    {
        var doublings = (int)Math.Min(failures - login.FreeFailures - 1, 30);
        var wait = login.FirstBackoff * Math.Pow(2, Math.Max(0, doublings));
        return wait < login.MaxBackoff ? wait : login.MaxBackoff;
    }

    private static string IpKey(string ip) => $"login:ip:{ip}";

    private static string FailureKey(string account, string ip) => $"login:fail:{AccountKey(account)}:{ip}";

    private static string BlockKey(string account, string ip) => $"login:block:{AccountKey(account)}:{ip}";

    /// <summary>A hash, so the store (Redis) holds no e-mail addresses.</summary>
    private static string AccountKey(string account) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes((account ?? string.Empty).Trim().ToUpperInvariant())), 0, 16);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-ins to one account from {Ip} held back {Seconds} s after {Failures} failures")]
    private static partial void LogThrottled(ILogger logger, string ip, long failures, int seconds);
}
