using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// RFC 8628 §3.5: a device that polls the token endpoint again sooner than <see cref="Interval"/> after its last
/// poll gets <c>slow_down</c>. Kept per server instance; a device polling through several instances is
/// throttled less strictly.
/// </summary>
internal sealed class DevicePollingThrottle(IMemoryCache cache, TimeProvider time) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    /// <summary>The polling interval OpenIddict announces in device authorization responses (its default).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<DevicePollingThrottle>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (!context.Request.IsDeviceCodeGrantType() || string.IsNullOrEmpty(context.Request.DeviceCode))
        {
            return ValueTask.CompletedTask;
        }

        var key = "device-poll:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context.Request.DeviceCode)));
        var now = time.GetUtcNow();
        var tooSoon = cache.TryGetValue(key, out DateTimeOffset last) && now - last < Interval;
        cache.Set(key, now, TimeSpan.FromMinutes(30));
        if (tooSoon)
        {
            context.Reject(Errors.SlowDown, "Poll at most every 5 seconds.");
        }

        return ValueTask.CompletedTask;
    }
}
