using System.Text.Json;

namespace CleanAssistant.Tests.Shared;

/// <summary>Provider answers in each vendor's documented wire format, for the fake servers to send.</summary>
public static class LlmWire
{
    /// <summary>OpenAI / Azure OpenAI chat completion with one function tool call (arguments are a JSON string).</summary>
    public static string OpenAiToolCall(string tool, string arguments, int promptTokens = 812, int completionTokens = 41) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-abc123",
        @object = "chat.completion",
        created = 1764200000,
        model = "gpt-4o-mini-2024-07-18",
        choices = new[]
        {
            new
            {
                index = 0,
                message = new
                {
                    role = "assistant",
                    content = (string?)null,
                    tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = tool, arguments } } },
                },
                finish_reason = "tool_calls",
            },
        },
        usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
    });

    /// <summary>OpenAI chat completion that answers in text, with no tool call.</summary>
    public static string OpenAiText(string text) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-abc124",
        @object = "chat.completion",
        model = "gpt-4o-mini",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 800, completion_tokens = 12, total_tokens = 812 },
    });

    /// <summary>Anthropic Messages API answer: a text block, then a tool_use block; stop_reason tool_use.</summary>
    public static string AnthropicToolUse(string tool, string input, int inputTokens = 950, int outputTokens = 60) =>
        $$"""
        {"id":"msg_01A","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[{"type":"text","text":"I'll look that up."},{"type":"tool_use","id":"toolu_01","name":"{{tool}}","input":{{input}} }],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":{{inputTokens}},"output_tokens":{{outputTokens}} } }
        """;

    /// <summary>Ollama /api/chat answer (stream false): message.tool_calls with arguments as an object.</summary>
    public static string OllamaToolCall(string tool, string arguments, int promptEvalCount = 700, int evalCount = 35) =>
        $$"""
        {"model":"llama3.1","created_at":"2026-11-27T04:00:00.000Z",
         "message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"{{tool}}","arguments":{{arguments}} } }]},
         "done_reason":"stop","done":true,"total_duration":1200000000,"load_duration":1000000,
         "prompt_eval_count":{{promptEvalCount}},"prompt_eval_duration":300000000,"eval_count":{{evalCount}},"eval_duration":800000000}
        """;

    public const string RateLimited = """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""";

    public const string ServerError = """{"error":{"message":"The server had an error","type":"server_error"}}""";
}
