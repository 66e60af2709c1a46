using CleanAssistant.Application.Interpretation;
using CleanAssistant.Tests.Shared;

namespace CleanAssistant.Infrastructure.Tests.Interpretation;

/// <summary>
/// What the chain does when a provider misbehaves: bounded retries, Retry-After honoured only within the
/// timeout, and the offline interpreter answering whenever no model gives a usable call.
/// </summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private const string Utterance = "schedule lunch with Alice tomorrow at noon";

    private static readonly string GoodCall = LlmWire.OpenAiToolCall("create_event", """{"title":"Lunch with Alice","when":"tomorrow at noon","attendees":["Alice"]}""");

    private FakeLlmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeLlmServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RateLimited_WithAShortRetryAfter_IsRetried_AndTheModelAnswers()
    {
        _server.Reply(429, LlmWire.RateLimited, headers: [("retry-after", "1")]).Reply(GoodCall);
        await using var harness = Harness(timeoutSeconds: 20);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe("openai");
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RateLimited_WithARetryAfterBeyondTheTimeout_FailsOverAtOnce_ToOffline()
    {
        _server.Reply(429, LlmWire.RateLimited, headers: [("retry-after", "600")]).Reply(GoodCall);
        await using var harness = Harness(timeoutSeconds: 30);
        var started = DateTime.UtcNow;

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
        answer.Intent.ShouldBe(Intent.CreateEvent);
        _server.Requests.Count.ShouldBe(1);
        // It did not sit out the provider's timeout (30 s) waiting: a generous bound, not a speed test.
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(25));
        harness.Logs.Lines.ShouldContain(l => l.Contains("openai", StringComparison.Ordinal) && l.Contains("429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerError_IsRetried_AndTheModelAnswers()
    {
        _server.Reply(500, LlmWire.ServerError).Reply(503, LlmWire.ServerError).Reply(GoodCall);
        await using var harness = Harness(maxRetries: 2);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe("openai");
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ServerErrors_AreRetriedABoundedNumberOfTimes_ThenOfflineAnswers()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Reply(500, LlmWire.ServerError);
        }

        await using var harness = Harness(maxRetries: 2);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
        answer.Title.ShouldNotBeNull().ShouldContain("Lunch", Case.Insensitive);
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SlowProvider_TimesOut_AndOfflineAnswers()
    {
        _server.Reply(200, GoodCall, delay: TimeSpan.FromSeconds(60));
        await using var harness = Harness(timeoutSeconds: 1);
        var started = DateTime.UtcNow;

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(30));
        harness.Logs.Lines.ShouldContain(l => l.Contains("no answer within 1 s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("book_flight", """{"title":"x"}""", "unknown tool")]
    [InlineData("create_event", """{"title":"Lunch","when":""", "not a JSON object")]
    [InlineData("create_event", """{"when":"tomorrow at noon"}""", "required argument 'title'")]
    [InlineData("create_event", """{"title":"Lunch","duration_minutes":"an hour"}""", "'duration_minutes' does not match")]
    [InlineData("create_event", """{"title":"Lunch","colour":"blue"}""", "unknown argument")]
    [InlineData("unknown", """{"reason":"bored"}""", "'reason' does not match")]
    [InlineData("create_event", """{"title":"Lunch","start":"tomorrow noon"}""", "not an ISO 8601")]
    [InlineData("create_event", """{"title":"Lunch","confidence":7}""", "'confidence' does not match")]
    public async Task InvalidToolCall_FallsBackToOffline(string tool, string arguments, string reason)
    {
        _server.Reply(LlmWire.OpenAiToolCall(tool, arguments));
        await using var harness = Harness();

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
        answer.Intent.ShouldBe(Intent.CreateEvent);
        harness.Logs.Lines.ShouldContain(l => l.Contains(reason, StringComparison.Ordinal));
        // The tokens were spent all the same.
        harness.Ledger.Records.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task AnswerWithoutAToolCall_FallsBackToOffline()
    {
        _server.Reply(LlmWire.OpenAiText("Sure, I can help with lunch!"));
        await using var harness = Harness();

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
        harness.Logs.Lines.ShouldContain(l => l.Contains("called no tool", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerThatIsNotJson_FallsBackToOffline()
    {
        _server.Reply(200, "<html>gateway</html>");
        await using var harness = Harness();

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
    }

    [Fact]
    public async Task Chain_TriesTheNextProvider_WhenOneFails()
    {
        await using var second = await FakeLlmServer.StartAsync();
        _server.Reply(401, """{"error":{"message":"Incorrect API key provided"}}""");
        second.Reply(LlmWire.AnthropicToolUse("create_event", """{"title":"Lunch with Alice","when":"tomorrow at noon"}"""));
        await using var harness = InterpreterHarness.Create(
        [
            .. InterpreterHarness.Provider("openai", _server.Address),
            .. InterpreterHarness.Provider("claude", second.Address, kind: "Anthropic"),
            .. InterpreterHarness.ChainOf("openai", "claude", "offline"),
        ]);

        var answer = await harness.Chain.InterpretAsync(InterpreterHarness.Request(Utterance), CancellationToken.None);

        answer.Interpreter.ShouldBe("claude");
        _server.Requests.Count.ShouldBe(1);
        second.Requests.Count.ShouldBe(1);
        harness.Logs.Lines.ShouldContain(l => l.Contains("openai", StringComparison.Ordinal) && l.Contains("401", StringComparison.Ordinal));
    }

    private InterpreterHarness Harness(double timeoutSeconds = 10, int maxRetries = 2) => InterpreterHarness.Create(
    [
        .. InterpreterHarness.Provider("openai", _server.Address, timeoutSeconds: timeoutSeconds, maxRetries: maxRetries),
        .. InterpreterHarness.ChainOf("openai"),
    ]);
}
