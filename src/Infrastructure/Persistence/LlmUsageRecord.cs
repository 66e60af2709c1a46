using CleanAssistant.Domain.Users;

namespace CleanAssistant.Infrastructure.Persistence;

/// <summary>Tokens and requests of one user (or none) with one provider, model and prompt in one UTC month (<c>2026-11</c>).</summary>
public sealed class LlmUsageRecord
{
    public const int MaxNameLength = 100;

    public Guid Id { get; init; }

    public UserId? UserId { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    public required string PromptVersion { get; init; }

    public required string Month { get; init; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long Requests { get; set; }
}
