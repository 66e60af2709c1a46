using CleanAssistant.Infrastructure.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CleanAssistant.Infrastructure.Tests.RateLimiting;

/// <summary>The two counter stores: in process on a fake clock, and in the test Redis.</summary>
public sealed class RateLimitStoreTests
{
    [Fact]
    public async Task InMemory_AFixedWindowCounter_ExpiresWithItsFirstWindow_ARenewedOneWithItsLast()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryRateLimitStore(time);

        (await store.IncrementAsync("fixed", 2, TimeSpan.FromMinutes(1), renew: false, default)).ShouldBe(new RateLimitCount(2, TimeSpan.FromMinutes(1)));
        await store.IncrementAsync("renewed", 1, TimeSpan.FromMinutes(1), renew: true, default);
        time.Advance(TimeSpan.FromSeconds(45));
        (await store.IncrementAsync("fixed", 1, TimeSpan.FromMinutes(1), renew: false, default)).ShouldBe(new RateLimitCount(3, TimeSpan.FromSeconds(15)));
        await store.IncrementAsync("renewed", 1, TimeSpan.FromMinutes(1), renew: true, default);

        time.Advance(TimeSpan.FromSeconds(15));
        (await store.GetAsync("fixed", default)).ShouldBe(default, "its window is over");
        (await store.GetAsync("renewed", default)).ShouldBe(new RateLimitCount(2, TimeSpan.FromSeconds(45)));
        (await store.IncrementAsync("fixed", 1, TimeSpan.FromMinutes(1), renew: false, default)).Count.ShouldBe(1, "a new window starts from zero");

        await store.DeleteAsync(["renewed"], default);
        (await store.GetAsync("renewed", default)).ShouldBe(default);
    }

    [Fact]
    public async Task Redis_CountsAtomicallyUnderItsNamespace_WithTheSameWindowRules()
    {
        var configuration = Environment.GetEnvironmentVariable("CLEANASSISTANT_TEST_REDIS")
            ?? throw new InvalidOperationException("CLEANASSISTANT_TEST_REDIS is not set: run the tests with ./build.sh test, or start the servers with ./build.sh services.");
        using var store = new RedisRateLimitStore(configuration, NullLogger<RedisRateLimitStore>.Instance);
        using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var key = $"test:{Guid.NewGuid():N}";

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.IncrementAsync(key, 1, TimeSpan.FromMinutes(10), renew: false, default).AsTask()));
        var counted = await store.GetAsync(key, default);
        counted.Count.ShouldBe(20, "no increment is lost");
        counted.ExpiresIn.ShouldBeInRange(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        (await redis.GetDatabase().KeyExistsAsync("ratelimit:" + key)).ShouldBeTrue();

        // A fixed window keeps its first expiry; a renewed counter takes the latest.
        (await store.IncrementAsync(key, 1, TimeSpan.FromMinutes(1), renew: false, default)).ExpiresIn.ShouldBeGreaterThan(TimeSpan.FromMinutes(5));
        (await store.IncrementAsync(key, 1, TimeSpan.FromMinutes(1), renew: true, default)).ExpiresIn.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));

        await store.DeleteAsync([key], default);
        (await store.GetAsync(key, default)).ShouldBe(default);
        (await store.IncrementAsync(key, 3, TimeSpan.FromSeconds(30), renew: false, default)).Count.ShouldBe(3);
        await store.DeleteAsync([key], default);
    }
}
