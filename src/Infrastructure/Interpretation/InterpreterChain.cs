using CleanAssistant.Application.Interpretation;
using Command = CleanAssistant.Application.Interpretation.Interpretation;
using CleanAssistant.Application.Interpretation.Llm;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Infrastructure.Interpretation;

/// <summary>
/// The interpreter the product uses: each configured language model in order, each within its own timeout;
/// the first usable answer wins. The offline interpreter always answers last, so a user is never left without
/// one — not when every provider fails, nor when the user's monthly token budget is spent.
/// Logs say which provider failed and why, never what the user said.
/// </summary>
internal sealed partial class InterpreterChain(
    string name,
    IReadOnlyList<IInterpreter> models,
    long monthlyTokenBudgetPerUser,
    ILlmUsageLedger ledger,
    ILogger<InterpreterChain> logger) : IInterpreter
{
    public string Name => name;

    /// <summary>The language models tried before the offline interpreter, in order.</summary>
    public IReadOnlyList<IInterpreter> Models => models;

    public async ValueTask<Command> InterpretAsync(InterpretationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (models.Count > 0 && await WithinBudgetAsync(request, cancellationToken))
        {
            foreach (var model in models)
            {
                try
                {
                    return await model.InterpretAsync(request, cancellationToken);
                }
                catch (LlmInterpretationException exception)
                {
                    LogProviderFailed(logger, exception.Provider, exception.Reason);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogProviderFailed(logger, model.Name, exception.GetType().Name);
                }
            }

            LogFellBack(logger, models.Count);
        }

        return OfflineInterpreter.Interpret(request);
    }

    private async ValueTask<bool> WithinBudgetAsync(InterpretationRequest request, CancellationToken cancellationToken)
    {
        if (monthlyTokenBudgetPerUser <= 0 || request.UserId is not { } user)
        {
            return true;
        }

        try
        {
            var used = await ledger.TokensThisMonthAsync(user, cancellationToken);
            if (used < monthlyTokenBudgetPerUser)
            {
                return true;
            }

            LogBudgetSpent(logger, user.Value, used, monthlyTokenBudgetPerUser);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An unknown spend is treated as spent: the budget is a promise about cost.
            LogBudgetUnknown(logger, user.Value, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interpreter {Provider} failed, trying the next one: {Reason}")]
    private static partial void LogProviderFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "All {Count} language model interpreters failed; the offline interpreter answers")]
    private static partial void LogFellBack(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} has used {Used} of {Budget} tokens this month; the offline interpreter answers")]
    private static partial void LogBudgetSpent(ILogger logger, Guid userId, long used, long budget);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token budget of user {UserId} could not be read ({Error}); the offline interpreter answers")]
    private static partial void LogBudgetUnknown(ILogger logger, Guid userId, string error);
}
