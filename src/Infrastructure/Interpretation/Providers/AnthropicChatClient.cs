using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CleanAssistant.Infrastructure.Interpretation.Providers;

/// <summary>
/// Anthropic's Messages API: <c>POST {endpoint}/v1/messages</c> with <c>x-api-key</c> and <c>anthropic-version</c>;
/// tools as <c>input_schema</c>, calls come back as <c>tool_use</c> content blocks.
/// </summary>
internal sealed class AnthropicChatClient(HttpClient http, string providerName, LlmProviderOptions options)
    : HttpChatClient(http, providerName, options.EndpointFor(LlmProviderKind.Anthropic)!, options.Model)
{
    /// <summary>The API version sent when none is configured.</summary>
    public const string DefaultVersion = "2023-06-01";

    protected override HttpRequestMessage CreateRequest(IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions)
    {
        var tools = new JsonArray();
        foreach (var function in Functions(chatOptions))
        {
            tools.Add(new JsonObject { ["name"] = function.Name, ["description"] = function.Description, ["input_schema"] = Schema(function) });
        }

        var body = new JsonObject
        {
            ["model"] = chatOptions.ModelId ?? options.Model,
            ["max_tokens"] = chatOptions.MaxOutputTokens ?? options.MaxOutputTokens,
            ["messages"] = Turns(messages, withSystem: false),
        };
        if (SystemText(messages) is { Length: > 0 } system)
        {
            body["system"] = system;
        }

        if (tools.Count > 0)
        {
            body["tools"] = tools;
            body["tool_choice"] = new JsonObject { ["type"] = chatOptions.ToolMode is RequiredChatToolMode ? "any" : "auto" };
        }

        if (chatOptions.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        var request = Post(new Uri(Endpoint, "v1/messages"), body);
        request.Headers.Add("x-api-key", options.ApiKey);
        request.Headers.Add("anthropic-version", options.ApiVersion ?? DefaultVersion);
        return request;
    }

    protected override ChatResponse ReadResponse(JsonElement root)
    {
        var contents = new List<AIContent>();
        if (root.TryGetProperty("content", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in blocks.EnumerateArray())
            {
                switch (StringOf(block, "type"))
                {
                    case "text" when StringOf(block, "text") is { Length: > 0 } text:
                        contents.Add(new TextContent(text));
                        break;
                    case "tool_use":
                        contents.Add(Call(StringOf(block, "id") ?? "", StringOf(block, "name") ?? "", block.TryGetProperty("input", out var input) ? input : default));
                        break;
                }
            }
        }

        return Response(contents, StringOf(root, "model"), Usage(root, "usage", "input_tokens", "output_tokens"), StringOf(root, "stop_reason"));
    }
}
