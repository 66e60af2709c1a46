using System.Net;
using System.Text.Json;
using CleanAssistant.Application.Interpretation;
using Command = CleanAssistant.Application.Interpretation.Interpretation;
using CleanAssistant.Application.Interpretation.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Infrastructure.Interpretation;

/// <summary>
/// One language model behind the interpreter port: the versioned prompt and the intent tools go out, one tool
/// call comes back and is read by <see cref="ToolCallReader"/>. Every failure (timeout, HTTP error, a call the
/// tools do not accept) is an <see cref="LlmInterpretationException"/>, for the chain to move on.
/// </summary>
internal sealed partial class LlmInterpreter(
    string name,
    LlmProviderOptions options,
    string model,
    Func<IChatClient> chatClient,
    PromptTemplate prompt,
    ILlmUsageLedger ledger,
    TimeProvider time,
    ILogger<LlmInterpreter> logger) : IInterpreter
{
    public string Name => name;

    public async ValueTask<Command> InterpretAsync(InterpretationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        LlmDeadline.Set(time.GetUtcNow() + options.Timeout);
        ChatResponse response;
        try
        {
            using var client = chatClient();
            response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, prompt.Render(request)), new ChatMessage(ChatRole.User, request.Text)],
                new ChatOptions
                {
                    ModelId = options.KindFor(name) == LlmProviderKind.AzureOpenAI ? null : model,
                    Tools = [.. prompt.Declarations],
                    ToolMode = ChatToolMode.RequireAny,
                    Temperature = 0,
                    MaxOutputTokens = options.MaxOutputTokens,
                },
                timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmInterpretationException(name, $"no answer within {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            throw new LlmInterpretationException(name, exception.StatusCode is { } status ? $"HTTP {(int)status} {Describe(status)}" : "no connection", exception);
        }
        catch (JsonException exception)
        {
            throw new LlmInterpretationException(name, "the answer is not JSON", exception);
        }
        finally
        {
            LlmDeadline.Clear();
        }

        await RecordAsync(request, response.Usage, cancellationToken);
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault()
            ?? throw new LlmInterpretationException(name, "the model called no tool");
        if (call.Exception is not null || call.Arguments is null)
        {
            throw new LlmInterpretationException(name, "the arguments of the tool call are not a JSON object");
        }

        try
        {
            var arguments = JsonSerializer.SerializeToElement(call.Arguments);
            var interpretation = ToolCallReader.Read(prompt, call.Name, arguments, request, name);
            LogAnswered(logger, name, model, prompt.Version, interpretation.Intent);
            return interpretation;
        }
        catch (InvalidToolCallException exception)
        {
            throw new LlmInterpretationException(name, $"invalid tool call: {exception.Message}", exception);
        }
    }

    private async Task RecordAsync(InterpretationRequest request, UsageDetails? usage, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.RecordAsync(
                new LlmUsage(request.UserId, name, model, prompt.Version, usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0),
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The answer is worth more than its bookkeeping; the operator sees the failure.
            LogUsageNotRecorded(logger, name, exception.GetType().Name);
        }
    }

    private static string Describe(HttpStatusCode status) => (int)status switch
    {
        429 => "(rate limited)",
        401 or 403 => "(key refused)",
        >= 500 => "(provider error)",
        _ => "",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Interpreter {Provider} (model {Model}, prompt {PromptVersion}) answered {Intent}")]
    private static partial void LogAnswered(ILogger logger, string provider, string model, string promptVersion, Intent intent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token usage of interpreter {Provider} was not recorded: {Error}")]
    private static partial void LogUsageNotRecorded(ILogger logger, string provider, string error);
}

/// <summary>A language model did not give a usable interpretation; <see cref="Reason"/> says why, without the utterance.</summary>
public sealed class LlmInterpretationException(string provider, string reason, Exception? inner = null)
    : Exception($"Interpreter {provider}: {reason}.", inner)
{
    public string Provider => provider;

    public string Reason => reason;
}

/// <summary>
/// When the current interpretation must be done, for the HTTP retry handler: a 429 whose Retry-After
/// reaches past it fails over at once instead of waiting. Flows with the call (async-local).
/// </summary>
internal static class LlmDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> Current = new();

    public static void Set(DateTimeOffset deadline) => Current.Value = deadline;

    public static void Clear() => Current.Value = null;

    /// <summary>Time left, or null outside an interpretation.</summary>
    public static TimeSpan? Remaining(TimeProvider time) => Current.Value is { } deadline ? deadline - time.GetUtcNow() : null;
}
