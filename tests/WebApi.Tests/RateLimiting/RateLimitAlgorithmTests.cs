using CleanAssistant.Infrastructure.RateLimiting;
using CleanAssistant.WebApi.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanAssistant.WebApi.Tests.RateLimiting;

/// <summary>The fixed-window budgets and the login throttle on the in-process store, on a fake clock.</summary>
public sealed class RateLimitAlgorithmTests : IDisposable
{
    private static readonly RateLimitCaller Ann = new("203.0.113.7", "ann", "cleanassistant-app");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public RateLimitAlgorithmTests()
    {
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<IRateLimitStore, InMemoryRateLimitStore>()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddRateLimits()
            .Configure<RateLimitOptions>(o =>
            {
                o.PerIp = new Budget { Limit = 100, Window = TimeSpan.FromMinutes(1) };
                o.PerUser = new Budget { Limit = 3, Window = TimeSpan.FromMinutes(1) };
                o.PerClient = new Budget { Limit = 100, Window = TimeSpan.FromMinutes(1) };
                o.Assistant = new Budget { Limit = 2, Window = TimeSpan.FromMinutes(1) };
                o.Login = new LoginThrottleOptions
                {
                    PerIp = new Budget { Limit = 1000, Window = TimeSpan.FromMinutes(15) },
                    FreeFailures = 3,
                    FirstBackoff = TimeSpan.FromSeconds(30),
                    MaxBackoff = TimeSpan.FromMinutes(15),
                    FailureMemory = TimeSpan.FromHours(1),
                };
            })
            .BuildServiceProvider();
    }

    private RateLimiter Limiter => _services.GetRequiredService<RateLimiter>();

    private ILoginThrottle Throttle => _services.GetRequiredService<ILoginThrottle>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Budget_AllowsItsLimitPerWindow_ThenRefusesUntilTheWindowEnds()
    {
        var first = await Limiter.CheckAsync(Ann, RateLimitBudget.General, 1, default);
        first.ShouldNotBeNull();
        first.ShouldBe(new RateLimitDecision(true, 3, 2, TimeSpan.FromMinutes(1), TimeSpan.Zero));

        _time.Advance(TimeSpan.FromSeconds(20));
        (await Limiter.CheckAsync(Ann, RateLimitBudget.General, 1, default))!.Remaining.ShouldBe(1);
        (await Limiter.CheckAsync(Ann, RateLimitBudget.General, 1, default))!.Remaining.ShouldBe(0);

        var refused = await Limiter.CheckAsync(Ann, RateLimitBudget.General, 1, default);
        refused!.Allowed.ShouldBeFalse();
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(40), "the window started with the first request");
        refused.RetryAfterSeconds.ShouldBe(40);

        _time.Advance(TimeSpan.FromSeconds(40));
        var next = await Limiter.CheckAsync(Ann, RateLimitBudget.General, 1, default);
        next!.Allowed.ShouldBeTrue("a new window has begun");
        next.Remaining.ShouldBe(2);
    }

    [Fact]
    public async Task ExpensiveBudget_IsSeparateFromTheGeneralOne()
    {
        (await Limiter.CheckAsync(Ann, RateLimitBudget.Assistant, 2, default))!.Allowed.ShouldBeTrue();
        (await Limiter.CheckAsync(Ann, RateLimitBudget.Assistant, 1, default))!.Allowed.ShouldBeFalse();

        // The assistant budget is spent, every other request still goes through.
        (await Limiter.CheckAsync(Ann, RateLimitBudget.General, 1, default))!.Allowed.ShouldBeTrue();
        (await Limiter.CheckAsync(Ann with { UserId = "bob" }, RateLimitBudget.Assistant, 1, default))!.Allowed.ShouldBeTrue("budgets are per user");
    }

    [Fact]
    public async Task GeneralBudget_CountsPerUserPerClientAndPerAddress_AndReportsTheTightest()
    {
        var decision = await Limiter.CheckAsync(Ann, RateLimitBudget.General, 1, default);
        decision!.Limit.ShouldBe(3, "the user's budget is the smallest");

        // Another user from the same address, through the same client, has a budget of their own.
        for (var i = 0; i < 3; i++)
        {
            (await Limiter.CheckAsync(Ann with { UserId = "bob" }, RateLimitBudget.General, 1, default))!.Allowed.ShouldBeTrue();
        }

        var anonymous = await Limiter.CheckAsync(new RateLimitCaller(Ann.Ip, null, null), RateLimitBudget.General, 1, default);
        anonymous!.Limit.ShouldBe(100);
        anonymous.Remaining.ShouldBe(100 - 5, "the address counted every request");
    }

    [Fact]
    public async Task LoginThrottle_BacksOffDoublingAfterTheFreeFailures_AndIsCapped()
    {
        const string Ip = "198.51.100.1";
        var waits = new List<TimeSpan?>();
        for (var failure = 1; failure <= 10; failure++)
        {
            (await Throttle.CheckAsync("ann@example.com", Ip, default)).ShouldBeNull($"attempt {failure} waited out its backoff");
            await Throttle.RecordFailureAsync("ann@example.com", Ip, default);
            var wait = await Throttle.CheckAsync("ANN@example.com ", Ip, default);
            waits.Add(wait);
            _time.Advance(wait ?? TimeSpan.Zero);
        }

        waits.ShouldBe(
        [
            null, null, null,
            TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8),
            TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15),
        ]);
    }

    [Fact]
    public async Task LoginThrottle_AnAttackersFailures_DoNotLockOutTheOwnerAtTheirOwnAddress()
    {
        for (var i = 0; i < 6; i++)
        {
            await Throttle.RecordFailureAsync("ann@example.com", "192.0.2.66", default);
        }

        (await Throttle.CheckAsync("ann@example.com", "192.0.2.66", default)).ShouldNotBeNull();
        (await Throttle.CheckAsync("ann@example.com", "203.0.113.7", default)).ShouldBeNull("the owner signs in from elsewhere");
        (await Throttle.CheckAsync("bob@example.com", "192.0.2.66", default)).ShouldBeNull("the backoff is per account");
    }

    [Fact]
    public async Task LoginThrottle_ASuccessfulSignIn_ForgetsTheFailures()
    {
        for (var i = 0; i < 3; i++)
        {
            await Throttle.RecordFailureAsync("ann@example.com", "203.0.113.7", default);
        }

        await Throttle.RecordSuccessAsync("ann@example.com", "203.0.113.7", default);
        await Throttle.RecordFailureAsync("ann@example.com", "203.0.113.7", default);

        (await Throttle.CheckAsync("ann@example.com", "203.0.113.7", default)).ShouldBeNull("one failure after a success is a typo, not an attack");
    }

    [Fact]
    public async Task LoginThrottle_OneAddressTryingManyAccounts_SpendsItsOwnBudget()
    {
        var options = _services.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        options.Login.PerIp = new Budget { Limit = 5, Window = TimeSpan.FromMinutes(15) };
        for (var i = 0; i < 5; i++)
        {
            await Throttle.RecordFailureAsync($"user{i}@example.com", "192.0.2.66", default);
        }

        (await Throttle.CheckAsync("someone.else@example.com", "192.0.2.66", default)).ShouldBe(TimeSpan.FromMinutes(15));
        (await Throttle.CheckAsync("someone.else@example.com", "203.0.113.7", default)).ShouldBeNull();
    }
}
