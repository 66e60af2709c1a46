using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CleanAssistant.Infrastructure.Interpretation.Providers;

/// <summary>
/// An <see cref="IChatClient"/> over one provider's documented HTTP wire format: non-streaming chat with
/// function tools, which is all interpretation needs. Retries and waits live in the HttpClient's handlers.
/// </summary>
internal abstract class HttpChatClient(HttpClient http, string providerName, Uri endpoint, string? modelId) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new(providerName, endpoint, modelId);

    protected Uri Endpoint { get; } = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(messages.ToList(), options ?? new ChatOptions());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{providerName} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(body);
        return ReadResponse(document.RootElement);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Interpretation asks for whole answers; streaming is not implemented.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory.
    }

    protected abstract HttpRequestMessage CreateRequest(IReadOnlyList<ChatMessage> messages, ChatOptions options);

    protected abstract ChatResponse ReadResponse(JsonElement root);

    protected static HttpRequestMessage Post(Uri address, JsonObject body) => new(HttpMethod.Post, address)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
    };

    protected static IEnumerable<AIFunctionDeclaration> Functions(ChatOptions options) =>
        options.Tools?.OfType<AIFunctionDeclaration>() ?? [];

    protected static JsonNode? Schema(AIFunctionDeclaration function) => JsonNode.Parse(function.JsonSchema.GetRawText());

    /// <summary>The tools as OpenAI (and Ollama) declare them: <c>{"type": "function", "function": {name, description, parameters}}</c>.</summary>
    protected static JsonArray FunctionTools(ChatOptions options)
    {
        var tools = new JsonArray();
        foreach (var function in Functions(options))
        {
            tools.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = function.Name, ["description"] = function.Description, ["parameters"] = Schema(function) },
            });
        }

        return tools;
    }

    /// <summary>Two token counts from the answer's usage object (<paramref name="usageName"/>, or the root when null).</summary>
    protected static (long? Input, long? Output) Usage(JsonElement root, string? usageName, string inputName, string outputName)
    {
        var usage = usageName is null ? root : root.TryGetProperty(usageName, out var u) ? u : default;
        return usage.ValueKind == JsonValueKind.Object ? (NumberOf(usage, inputName), NumberOf(usage, outputName)) : (null, null);
    }

    protected static string SystemText(IEnumerable<ChatMessage> messages) =>
        string.Join("\n\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));

    /// <summary>The conversation without system messages, as <c>{"role", "content"}</c> text turns.</summary>
    protected static JsonArray Turns(IEnumerable<ChatMessage> messages, bool withSystem)
    {
        var turns = new JsonArray();
        foreach (var message in messages.Where(m => withSystem || m.Role != ChatRole.System))
        {
            turns.Add(new JsonObject { ["role"] = message.Role.Value, ["content"] = message.Text });
        }

        return turns;
    }

    /// <summary>A call whose argument text is not a JSON object keeps the parse failure in <see cref="FunctionCallContent.Exception"/>.</summary>
    protected static FunctionCallContent Call(string callId, string name, string argumentsJson)
    {
        try
        {
            return Call(callId, name, JsonDocument.Parse(argumentsJson).RootElement);
        }
        catch (JsonException exception)
        {
            return new FunctionCallContent(callId, name) { Exception = exception };
        }
    }

    protected static FunctionCallContent Call(string callId, string name, JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Object
            ? new FunctionCallContent(callId, name, arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()))
            : new FunctionCallContent(callId, name) { Exception = new JsonException("The arguments are not a JSON object.") };

    protected static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    protected static long? NumberOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    protected static ChatResponse Response(IList<AIContent> contents, string? model, (long? Input, long? Output) usage, string? finishReason) =>
        new(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = model,
            FinishReason = finishReason is null ? null : new ChatFinishReason(finishReason),
            Usage = new UsageDetails { InputTokenCount = usage.Input, OutputTokenCount = usage.Output, TotalTokenCount = usage.Input + usage.Output },
        };
}
