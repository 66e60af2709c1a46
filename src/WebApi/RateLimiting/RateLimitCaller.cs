using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>Who a request counts against: its client address, and its user and OAuth client when it carries a token.</summary>
public sealed record RateLimitCaller(string Ip, string? UserId, string? ClientId)
{
    /// <summary>The connection's address (behind a proxy, configure forwarded headers so this is the client's).</summary>
    public static RateLimitCaller From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return From(context.User, IpOf(context));
    }

    public static RateLimitCaller From(ClaimsPrincipal? user, string ip)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return new RateLimitCaller(ip, null, null);
        }

        return new RateLimitCaller(ip, user.GetClaim(Claims.Subject), user.GetClaim(Claims.ClientId) ?? user.GetPresenters().FirstOrDefault());
    }

    public static string IpOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";
    }
}
