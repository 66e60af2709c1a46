namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>The <c>RateLimits</c> section: budgets per caller and for expensive operations, and the login throttle. See docs/rate-limits.md.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Off: no request is counted or refused (the login throttle included).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every request from one client address.</summary>
    public Budget PerIp { get; set; } = new() { Limit = 1200 };

    /// <summary>Every request of one signed-in user.</summary>
    public Budget PerUser { get; set; } = new() { Limit = 600 };

    /// <summary>Every request made with tokens of one OAuth client, all its users together.</summary>
    public Budget PerClient { get; set; } = new() { Limit = 6000 };

    /// <summary>Speech: <c>transcribe</c>, <c>submitVoiceCommand</c>, each utterance on <c>/voice/stream</c>; per user.</summary>
    public Budget Voice { get; set; } = new() { Limit = 20 };

    /// <summary>Language understanding: <c>interpret</c>, <c>sendMessage</c>; per user.</summary>
    public Budget Assistant { get; set; } = new() { Limit = 30 };

    /// <summary>Slot search: <c>suggestMeetingTimes</c>, <c>freeSlots</c>, <c>conflictResolutions</c>; per user.</summary>
    public Budget Suggestions { get; set; } = new() { Limit = 60 };

    public LoginThrottleOptions Login { get; set; } = new();

    public bool IsValid() =>
        new[] { PerIp, PerUser, PerClient, Voice, Assistant, Suggestions, Login.PerIp }.All(b => b is { Limit: >= 1 } && b.Window > TimeSpan.Zero)
        && Login.FreeFailures >= 1
        && Login.FirstBackoff > TimeSpan.Zero
        && Login.MaxBackoff >= Login.FirstBackoff
        && Login.FailureMemory > TimeSpan.Zero;
}

/// <summary>At most <see cref="Limit"/> requests per fixed <see cref="Window"/>.</summary>
public sealed class Budget
{
    public int Limit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Sign-in attempts (<c>/connect/token</c> password grant and login forms). See docs/rate-limits.md.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Failed sign-ins from one address, whatever the account; once spent, that address waits for the window's end.</summary>
    public Budget PerIp { get; set; } = new() { Limit = 30, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Failures of one account from one address before each further failure makes it wait.</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>The wait after the first failure beyond <see cref="FreeFailures"/>; it doubles with each further one.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait: no lockout lasts longer.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are forgotten once this long passes without a new one (and at once on a successful sign-in).</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromHours(1);
}
