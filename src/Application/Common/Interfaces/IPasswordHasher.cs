namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>A slow, salted, adaptive password hash. Clear-text passwords never leave this port.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);

    /// <summary>Burns the same time as a real check, so unknown accounts cannot be told apart by timing.</summary>
    void SimulateVerify(string password);
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, but hashed with weaker parameters than today's: store a fresh hash.</summary>
    SuccessRehashNeeded,
}
