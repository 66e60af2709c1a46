using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanAssistant.Infrastructure.RateLimiting;

/// <summary>
/// Distributed mode: the counters in Redis under <c>ratelimit:</c>, so all instances share the budgets. An increment
/// is one Lua script (INCRBY, then PEXPIRE on a new counter), atomic on the server, and expiry runs on Redis's clock.
/// When Redis cannot be reached the store lets requests through (and logs it): the limits are a guard, and refusing
/// everyone because the guard is down would be an outage of its own.
/// </summary>
internal sealed partial class RedisRateLimitStore : IRateLimitStore, IDisposable
{
    public const string KeyPrefix = "ratelimit:";

    private static readonly LuaScript Increment = LuaScript.Prepare(
        """
        local count = redis.call('INCRBY', @key, @amount)
        local ttl = redis.call('PTTL', @key)
        if count == tonumber(@amount) or ttl < 0 or @renew == '1' then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        return { count, ttl }
        """);

    private static readonly LuaScript Read = LuaScript.Prepare(
        """
        local count = redis.call('GET', @key)
        if not count then return { 0, 0 } end
        return { tonumber(count), redis.call('PTTL', @key) }
        """);

    private readonly ConnectionMultiplexer _redis;
    private readonly ILogger<RedisRateLimitStore> _logger;

    public RedisRateLimitStore(string configuration, ILogger<RedisRateLimitStore> logger)
    {
        _logger = logger;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        _redis = ConnectionMultiplexer.Connect(options);
    }

    public async ValueTask<RateLimitCount> IncrementAsync(string key, long amount, TimeSpan window, bool renew, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        try
        {
            var result = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(
                Increment,
                new { key = (RedisKey)(KeyPrefix + key), amount, window = (long)Math.Ceiling(window.TotalMilliseconds), renew = renew ? 1 : 0 }))!;
            return new RateLimitCount((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogUnavailable(_logger, exception.Message);
            return new RateLimitCount(0, window);
        }
    }

    public async ValueTask<RateLimitCount> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var result = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(Read, new { key = (RedisKey)(KeyPrefix + key) }))!;
            var left = (long)result[1];
            return left > 0 ? new RateLimitCount((long)result[0], TimeSpan.FromMilliseconds(left)) : default;
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogUnavailable(_logger, exception.Message);
            return default;
        }
    }

    public async ValueTask DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        try
        {
            await _redis.GetDatabase().KeyDeleteAsync([.. keys.Select(k => (RedisKey)(KeyPrefix + k))]);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogUnavailable(_logger, exception.Message);
        }
    }

    public void Dispose() => _redis.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits not enforced: Redis cannot be reached ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
