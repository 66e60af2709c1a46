using System.Text.Json;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Domain.Users;
using CleanAssistant.Tests.Shared;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Interpretation;

/// <summary>
/// Each provider's real wire format against a fake server on loopback: what we send (address, auth headers,
/// model, tools with their schemas, the user's now and zone) and how a tool call becomes an interpretation.
/// </summary>
public sealed class ProviderWireTests : IAsyncLifetime
{
    private FakeLlmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeLlmServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OpenAi_ToolCall_BecomesTheInterpretation_WithTheTimeResolvedAcrossTheDstChange()
    {
        _server.Reply(LlmWire.OpenAiToolCall(
            "create_event",
            """{"title":"Dentist","when":"next friday at 3pm","start":"2026-11-06T15:00:00","attendees":["Alice"],"location":"Main St","confidence":0.87}"""));
        await using var harness = InterpreterHarness.Create([.. InterpreterHarness.Provider("openai", new Uri(_server.Address, "v1/")), .. InterpreterHarness.ChainOf("openai")]);
        var user = new UserId(Guid.NewGuid());

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request("dentist with Alice next friday at 3pm at Main St", user), CancellationToken.None);

        answer.Interpreter.ShouldBe("openai");
        answer.Intent.ShouldBe(Intent.CreateEvent);
        answer.Title.ShouldBe("Dentist");
        // Said on Saturday 31 October (EDT, -04:00); the Friday after the clocks go back is EST, -05:00.
        answer.Start.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 6, 15, 0), Offset.FromHours(-5)));
        answer.Attendees.ShouldBe(["Alice"]);
        answer.Location.ShouldBe("Main St");
        answer.Confidence.ShouldBe(0.87);

        var sent = _server.Requests.ShouldHaveSingleItem();
        sent.Method.ShouldBe("POST");
        sent.Path.ShouldBe("/v1/chat/completions");
        sent.Headers["Authorization"].ShouldBe("Bearer sk-test-openai");
        var body = sent.Json;
        body.GetProperty("model").GetString().ShouldBe("openai-model");
        body.GetProperty("tool_choice").GetString().ShouldBe("required");
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        tools.Select(t => t.GetProperty("function").GetProperty("name").GetString()).ShouldBe(
            ["create_event", "reschedule_event", "cancel_event", "update_event", "query_agenda", "find_free_time", "create_reminder", "summarize_meeting", "unknown"],
            ignoreOrder: true);
        tools.ShouldAllBe(t => t.GetProperty("type").GetString() == "function");
        var create = tools.Single(t => t.GetProperty("function").GetProperty("name").GetString() == "create_event").GetProperty("function").GetProperty("parameters");
        create.GetProperty("type").GetString().ShouldBe("object");
        create.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["title"]);
        create.GetProperty("properties").GetProperty("when").GetProperty("type").GetString().ShouldBe("string");
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        messages[0].GetProperty("role").GetString().ShouldBe("system");
        messages[0].GetProperty("content").GetString().ShouldNotBeNull().ShouldSatisfyAllConditions(
            s => s.ShouldContain("2026-10-31T10:00:00"),
            s => s.ShouldContain("Saturday"),
            s => s.ShouldContain("America/New_York"),
            s => s.ShouldContain("-04:00"));
        messages[1].GetProperty("role").GetString().ShouldBe("user");
        messages[1].GetProperty("content").GetString().ShouldBe("dentist with Alice next friday at 3pm at Main St");

        var usage = harness.Ledger.Records.ShouldHaveSingleItem();
        usage.ShouldBe(new Application.Interpretation.Llm.LlmUsage(user, "openai", "openai-model", "interpret.v1", 812, 41));
    }

    [Fact]
    public async Task AzureOpenAi_UsesTheDeploymentAddress_ApiVersionAndApiKeyHeader()
    {
        _server.Reply(LlmWire.OpenAiToolCall("cancel_event", """{"target_title":"dentist","target_when":"tomorrow"}"""));
        await using var harness = InterpreterHarness.Create(
        [
            .. InterpreterHarness.Provider("azure", _server.Address, extra: [("Deployment", "gpt4o-calendar"), ("ApiVersion", "2024-10-21")]),
            .. InterpreterHarness.ChainOf("azure"),
        ]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request("cancel the dentist tomorrow"), CancellationToken.None);

        answer.Interpreter.ShouldBe("azure");
        answer.Intent.ShouldBe(Intent.CancelEvent);
        answer.Target.ShouldNotBeNull().Title.ShouldBe("dentist");
        answer.Target.Date.ShouldBe(new LocalDate(2026, 11, 1));
        var sent = _server.Requests.ShouldHaveSingleItem();
        sent.Path.ShouldBe("/openai/deployments/gpt4o-calendar/chat/completions");
        sent.Query.ShouldBe("?api-version=2024-10-21");
        sent.Headers["api-key"].ShouldBe("sk-test-azure");
        sent.Headers.ContainsKey("Authorization").ShouldBeFalse();
        sent.Json.GetProperty("tools").GetArrayLength().ShouldBe(9);
        harness.Ledger.Records.ShouldHaveSingleItem().Model.ShouldBe("gpt4o-calendar");
    }

    [Fact]
    public async Task Anthropic_ToolUseBlock_BecomesTheInterpretation_AndTheRequestCarriesItsHeadersAndSchemas()
    {
        _server.Reply(LlmWire.AnthropicToolUse("query_agenda", """{"when":"tomorrow afternoon","range_start":"2026-11-01T12:00:00","range_end":"2026-11-01T16:00:00"}"""));
        await using var harness = InterpreterHarness.Create([.. InterpreterHarness.Provider("anthropic", _server.Address), .. InterpreterHarness.ChainOf("anthropic")]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request("what do I have tomorrow afternoon"), CancellationToken.None);

        answer.Interpreter.ShouldBe("anthropic");
        answer.Intent.ShouldBe(Intent.QueryAgenda);
        // Sunday 1 November: the clocks went back at 02:00, so the afternoon is EST.
        answer.RangeStart.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 1, 12, 0), Offset.FromHours(-5)));
        answer.RangeEnd.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 1, 16, 0), Offset.FromHours(-5)));
        answer.Confidence.ShouldBe(0.9);

        var sent = _server.Requests.ShouldHaveSingleItem();
        sent.Path.ShouldBe("/v1/messages");
        sent.Headers["x-api-key"].ShouldBe("sk-test-anthropic");
        sent.Headers["anthropic-version"].ShouldBe("2023-06-01");
        var body = sent.Json;
        body.GetProperty("model").GetString().ShouldBe("anthropic-model");
        body.GetProperty("max_tokens").GetInt32().ShouldBeGreaterThan(0);
        body.GetProperty("system").GetString().ShouldNotBeNull().ShouldContain("America/New_York");
        body.GetProperty("messages").EnumerateArray().ShouldAllBe(m => m.GetProperty("role").GetString() == "user");
        body.GetProperty("tool_choice").GetProperty("type").GetString().ShouldBe("any");
        var agenda = body.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "query_agenda");
        agenda.GetProperty("input_schema").GetProperty("properties").TryGetProperty("range_start", out _).ShouldBeTrue();
        var usage = harness.Ledger.Records.ShouldHaveSingleItem();
        (usage.InputTokens, usage.OutputTokens).ShouldBe((950L, 60L));
    }

    [Fact]
    public async Task Ollama_ToolCalls_BecomeTheInterpretation_AndTheRequestAsksForOneWholeAnswer()
    {
        _server.Reply(LlmWire.OllamaToolCall("create_reminder", """{"title":"call mom","when":"tonight at 8","remind_at":"2026-10-31T20:00:00"}"""));
        await using var harness = InterpreterHarness.Create([.. InterpreterHarness.Provider("ollama", _server.Address), .. InterpreterHarness.ChainOf("ollama")]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request("remind me to call mom tonight at 8"), CancellationToken.None);

        answer.Interpreter.ShouldBe("ollama");
        answer.Intent.ShouldBe(Intent.CreateReminder);
        answer.Title.ShouldBe("call mom");
        answer.RemindAt.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 10, 31, 20, 0), Offset.FromHours(-4)));
        var sent = _server.Requests.ShouldHaveSingleItem();
        sent.Path.ShouldBe("/api/chat");
        var body = sent.Json;
        body.GetProperty("model").GetString().ShouldBe("ollama-model");
        body.GetProperty("stream").GetBoolean().ShouldBeFalse();
        body.GetProperty("tools").EnumerateArray().ShouldAllBe(t => t.GetProperty("function").GetProperty("parameters").GetProperty("type").GetString() == "object");
        var usage = harness.Ledger.Records.ShouldHaveSingleItem();
        (usage.InputTokens, usage.OutputTokens).ShouldBe((700L, 35L));
    }

    [Fact]
    public async Task IsoValue_IsUsed_WhenTheWordsDoNotResolve_PlacedLenientlyInASpringForwardGap()
    {
        // 02:30 on 8 March 2026 does not exist in New York: lenient resolution moves it past the gap.
        _server.Reply(LlmWire.OpenAiToolCall("create_event", """{"title":"Backup window","when":"when the backups run","start":"2026-03-08T02:30:00"}"""));
        await using var harness = InterpreterHarness.Create([.. InterpreterHarness.Provider("openai", _server.Address), .. InterpreterHarness.ChainOf("openai")]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request("block the backup window"), CancellationToken.None);

        answer.Interpreter.ShouldBe("openai");
        answer.Start.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 3, 8, 3, 30), Offset.FromHours(-4)));
    }

    [Fact]
    public async Task Unknown_Tool_IsAValidAnswer_ThatNothingIsToBeDone()
    {
        _server.Reply(LlmWire.OpenAiToolCall("unknown", """{"reason":"not_calendar","confidence":0.95}"""));
        await using var harness = InterpreterHarness.Create([.. InterpreterHarness.Provider("openai", _server.Address), .. InterpreterHarness.ChainOf("openai")]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request("tell me a joke"), CancellationToken.None);

        answer.Interpreter.ShouldBe("openai");
        answer.Intent.ShouldBe(Intent.Unknown);
    }

    [Fact]
    public async Task UpdateEvent_ThatPointsBack_KeepsTheReferenceForTheConversation()
    {
        _server.Reply(LlmWire.OpenAiToolCall("update_event", """{"points_back":true,"add_attendees":["Bob Smith"],"remove_attendees":["Carol"]}"""));
        await using var harness = InterpreterHarness.Create([.. InterpreterHarness.Provider("openai", _server.Address), .. InterpreterHarness.ChainOf("openai")]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request("add Bob Smith to it and drop Carol"), CancellationToken.None);

        answer.Intent.ShouldBe(Intent.UpdateEvent);
        answer.Target.ShouldNotBeNull().PointsBack.ShouldBeTrue();
        answer.AddAttendees.ShouldBe(["Bob Smith"]);
        answer.RemoveAttendees.ShouldBe(["Carol"]);
    }

    [Fact]
    public async Task Logs_NameTheProviderAndPrompt_ButNeverTheUtterance()
    {
        const string secret = "biopsy results with Dr Zhivago";
        _server.Reply(500, LlmWire.ServerError).Reply(LlmWire.OpenAiToolCall("create_event", $$"""{"title":"{{secret}}","when":"tomorrow at 9"}"""));
        await using var harness = InterpreterHarness.Create([.. InterpreterHarness.Provider("openai", _server.Address, maxRetries: 0), .. InterpreterHarness.Provider("backup", _server.Address, kind: "OpenAI"), .. InterpreterHarness.ChainOf("openai", "backup")]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(secret + " tomorrow at 9"), CancellationToken.None);

        answer.Interpreter.ShouldBe("backup");
        harness.Logs.Lines.ShouldContain(l => l.Contains("openai", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal));
        harness.Logs.Lines.ShouldContain(l => l.Contains("interpret.v1", StringComparison.Ordinal));
        harness.Logs.Lines.ShouldNotContain(l => l.Contains("biopsy", StringComparison.OrdinalIgnoreCase) || l.Contains("Zhivago", StringComparison.OrdinalIgnoreCase));
        _ = JsonDocument.Parse(_server.Requests[0].Body);
    }
}
