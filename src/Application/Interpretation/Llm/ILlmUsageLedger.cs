using CleanAssistant.Domain.Users;

namespace CleanAssistant.Application.Interpretation.Llm;

/// <summary>
/// Counts what language models cost: tokens and requests per user, provider, model, prompt version and
/// calendar month (UTC). Each record is written on its own, whatever the surrounding request does, so a
/// dry run or a failed command still pays for the tokens it used.
/// </summary>
public interface ILlmUsageLedger
{
    /// <summary>Adds one model call. A call without a user (a CLI batch) is counted under no user.</summary>
    ValueTask RecordAsync(LlmUsage usage, CancellationToken cancellationToken);

    /// <summary>Input plus output tokens the user has used this month, over every provider and model.</summary>
    ValueTask<long> TokensThisMonthAsync(UserId userId, CancellationToken cancellationToken);
}

/// <summary>One model call's token counts.</summary>
/// <param name="UserId">Who asked; null for calls made without a user.</param>
/// <param name="Provider">The configured provider name (<c>openai</c>, …).</param>
/// <param name="Model">The model or deployment that answered.</param>
/// <param name="PromptVersion">The prompt file's version (<c>interpret.v1</c>).</param>
/// <param name="InputTokens">Tokens the provider counted in the prompt.</param>
/// <param name="OutputTokens">Tokens the provider counted in the answer.</param>
public sealed record LlmUsage(UserId? UserId, string Provider, string Model, string PromptVersion, long InputTokens, long OutputTokens);
