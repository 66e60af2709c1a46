namespace CleanAssistant.Infrastructure.Voice.Chain;

/// <summary>
/// Skips an engine that keeps failing: after <c>failuresBeforeBreak</c> failures in a row it is open for
/// <c>breakDuration</c> (calls are refused at once, nothing is sent); then one failure opens it again and one
/// success closes it.
/// </summary>
internal sealed class CircuitBreaker(int failuresBeforeBreak, TimeSpan breakDuration, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset? _openUntil;

    /// <summary>False while the circuit is open.</summary>
    public bool AllowsCall()
    {
        lock (_lock)
        {
            return _openUntil is not { } until || time.GetUtcNow() >= until;
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _failures = 0;
            _openUntil = null;
        }
    }

    /// <summary>Counts a failure; true when it opened the circuit.</summary>
    public bool Failed()
    {
        lock (_lock)
        {
            _failures++;
            if (_openUntil is null && _failures < failuresBeforeBreak)
            {
                return false;
            }

            _openUntil = time.GetUtcNow() + breakDuration;
            return true;
        }
    }
}
