using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CleanAssistant.Infrastructure.Interpretation.Providers;

/// <summary>
/// OpenAI's chat completions (<c>POST {endpoint}/chat/completions</c>, bearer key) and Azure OpenAI's
/// (<c>POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…</c>, <c>api-key</c> header):
/// one wire format, two addresses.
/// </summary>
internal sealed class OpenAiChatClient : HttpChatClient
{
    private readonly LlmProviderOptions _options;
    private readonly bool _azure;

    public OpenAiChatClient(HttpClient http, string providerName, LlmProviderOptions options, bool azure)
        : base(http, providerName, options.EndpointFor(azure ? LlmProviderKind.AzureOpenAI : LlmProviderKind.OpenAI)!, options.ModelFor(azure ? LlmProviderKind.AzureOpenAI : LlmProviderKind.OpenAI))
    {
        _options = options;
        _azure = azure;
    }

    protected override HttpRequestMessage CreateRequest(IReadOnlyList<ChatMessage> messages, ChatOptions options)
    {
        var tools = FunctionTools(options);

        var body = new JsonObject { ["messages"] = Turns(messages, withSystem: true) };
        if (!_azure)
        {
            body["model"] = options.ModelId ?? _options.Model;
        }

        if (tools.Count > 0)
        {
            body["tools"] = tools;
            body["tool_choice"] = options.ToolMode is RequiredChatToolMode ? "required" : "auto";
        }

        if (options.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (options.MaxOutputTokens is { } maxTokens)
        {
            body[_azure ? "max_tokens" : "max_completion_tokens"] = maxTokens;
        }

        var address = _azure
            ? new Uri(Endpoint, $"openai/deployments/{Uri.EscapeDataString(_options.Deployment!)}/chat/completions?api-version={Uri.EscapeDataString(_options.ApiVersion!)}")
            : new Uri(Endpoint, "chat/completions");
        var request = Post(address, body);
        if (_azure)
        {
            request.Headers.Add("api-key", _options.ApiKey);
        }
        else
        {
            request.Headers.Authorization = new("Bearer", _options.ApiKey);
        }

        return request;
    }

    protected override ChatResponse ReadResponse(JsonElement root)
    {
        var contents = new List<AIContent>();
        string? finishReason = null;
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            finishReason = StringOf(choice, "finish_reason");
            var message = choice.GetProperty("message");
            if (StringOf(message, "content") is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text));
            }

            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    var function = call.GetProperty("function");
                    contents.Add(Call(StringOf(call, "id") ?? "", StringOf(function, "name") ?? "", StringOf(function, "arguments") ?? ""));
                }
            }
        }

        return Response(contents, StringOf(root, "model"), Usage(root, "usage", "prompt_tokens", "completion_tokens"), finishReason);
    }
}
