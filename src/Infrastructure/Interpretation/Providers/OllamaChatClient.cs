using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CleanAssistant.Infrastructure.Interpretation.Providers;

/// <summary>
/// Ollama's chat endpoint: <c>POST {endpoint}/api/chat</c> with <c>stream: false</c>; calls come back in
/// <c>message.tool_calls</c> with arguments as an object, usage as <c>prompt_eval_count</c>/<c>eval_count</c>.
/// </summary>
internal sealed class OllamaChatClient(HttpClient http, string providerName, LlmProviderOptions options)
    : HttpChatClient(http, providerName, options.EndpointFor(LlmProviderKind.Ollama)!, options.Model)
{
    protected override HttpRequestMessage CreateRequest(IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions)
    {
        var tools = FunctionTools(chatOptions);

        var modelOptions = new JsonObject();
        if (chatOptions.Temperature is { } temperature)
        {
            modelOptions["temperature"] = temperature;
        }

        if (chatOptions.MaxOutputTokens is { } maxTokens)
        {
            modelOptions["num_predict"] = maxTokens;
        }

        var body = new JsonObject
        {
            ["model"] = chatOptions.ModelId ?? options.Model,
            ["messages"] = Turns(messages, withSystem: true),
            ["stream"] = false,
            ["options"] = modelOptions,
        };
        if (tools.Count > 0)
        {
            body["tools"] = tools;
        }

        var request = Post(new Uri(Endpoint, "api/chat"), body);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new("Bearer", options.ApiKey);
        }

        return request;
    }

    protected override ChatResponse ReadResponse(JsonElement root)
    {
        var contents = new List<AIContent>();
        if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            if (StringOf(message, "content") is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text));
            }

            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var call in calls.EnumerateArray())
                {
                    var function = call.GetProperty("function");
                    var arguments = function.TryGetProperty("arguments", out var a) ? a : default;
                    var name = StringOf(function, "name") ?? "";
                    var id = StringOf(call, "id") ?? $"call_{index++}";
                    contents.Add(arguments.ValueKind == JsonValueKind.String ? Call(id, name, arguments.GetString()!) : Call(id, name, arguments));
                }
            }
        }

        return Response(contents, StringOf(root, "model"), Usage(root, null, "prompt_eval_count", "eval_count"), StringOf(root, "done_reason"));
    }
}
