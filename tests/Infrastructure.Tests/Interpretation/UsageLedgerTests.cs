using CleanAssistant.Application.Interpretation;
using CleanAssistant.Application.Interpretation.Llm;
using CleanAssistant.Infrastructure.Interpretation;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Tests.Interpretation;

/// <summary>Token usage in the real database (SQLite and PostgreSQL): per user, provider, model and month, and the monthly budget.</summary>
public sealed class UsageLedgerTests
{
    private static readonly string Call = LlmWire.OpenAiToolCall("create_event", """{"title":"Lunch","when":"tomorrow at noon"}""", promptTokens: 900, completionTokens: 200);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Usage_IsRecordedPerUserAndProvider_WithoutTheRequestSavingAnything(DatabaseProvider provider)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Reply(Call).Reply(Call).Reply(LlmWire.AnthropicToolUse("create_event", """{"title":"Lunch"}""", inputTokens: 950, outputTokens: 60)).Reply(Call);
        await using var host = await UseCaseHost.StartAsync(provider,
        [
            .. InterpreterHarness.Provider("openai", server.Address),
            .. InterpreterHarness.Provider("anthropic", server.Address),
            .. InterpreterHarness.ChainOf("openai"),
        ]);
        var ann = await host.RegisterAsync();
        var chain = host.Services.GetRequiredService<IInterpreter>();
        var anthropic = host.Services.GetRequiredService<InterpreterCatalog>().Find("anthropic")!;

        (await chain.InterpretAsync(InterpreterHarness.Request("lunch tomorrow at noon", ann.Id), default)).Interpreter.ShouldBe("openai");
        (await chain.InterpretAsync(InterpreterHarness.Request("lunch tomorrow at noon", ann.Id), default)).Interpreter.ShouldBe("openai");
        (await anthropic.InterpretAsync(InterpreterHarness.Request("lunch", ann.Id), default)).Interpreter.ShouldBe("anthropic");
        (await chain.InterpretAsync(InterpreterHarness.Request("lunch tomorrow at noon"), default)).Interpreter.ShouldBe("openai");

        await using var scope = host.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().LlmUsage.AsNoTracking().ToListAsync();
        rows.ShouldAllBe(r => r.Month == "2026-11" && r.PromptVersion == "interpret.v1");
        var openai = rows.Single(r => r.UserId == ann.Id && r.Provider == "openai");
        (openai.Model, openai.InputTokens, openai.OutputTokens, openai.Requests).ShouldBe(("openai-model", 1800L, 400L, 2L));
        var claude = rows.Single(r => r.UserId == ann.Id && r.Provider == "anthropic");
        (claude.InputTokens, claude.OutputTokens, claude.Requests).ShouldBe((950L, 60L, 1L));
        var anonymous = rows.Single(r => r.UserId == null);
        (anonymous.Provider, anonymous.InputTokens, anonymous.Requests).ShouldBe(("openai", 900L, 1L));
        rows.Count.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentCalls_AddUp_InOneRow(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var ledger = host.Services.GetRequiredService<ILlmUsageLedger>();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            ledger.RecordAsync(new LlmUsage(ann.Id, "openai", "gpt-4o-mini", "interpret.v1", 100, 10), default).AsTask()));

        (await ledger.TokensThisMonthAsync(ann.Id, default)).ShouldBe(660);
        await using var scope = host.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().LlmUsage.AsNoTracking().SingleAsync();
        row.Requests.ShouldBe(6);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BudgetSpent_NoRequestReachesTheProvider_AndOfflineAnswers(DatabaseProvider provider)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Reply(Call).Reply(Call);
        await using var host = await UseCaseHost.StartAsync(provider,
        [
            .. InterpreterHarness.Provider("openai", server.Address),
            .. InterpreterHarness.ChainOf("openai"),
            new("Interpretation:MonthlyTokenBudgetPerUser", "1000"),
        ]);
        var ann = await host.RegisterAsync();
        var bob = await host.RegisterAsync("bob@example.com");
        var chain = host.Services.GetRequiredService<IInterpreter>();

        (await chain.InterpretAsync(InterpreterHarness.Request("lunch tomorrow at noon", ann.Id), default)).Interpreter.ShouldBe("openai");
        var spent = await chain.InterpretAsync(InterpreterHarness.Request("lunch tomorrow at noon", ann.Id), default);

        spent.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
        spent.Intent.ShouldBe(Intent.CreateEvent);
        server.Requests.Count.ShouldBe(1);
        // The budget is per user: Bob still gets the model.
        (await chain.InterpretAsync(InterpreterHarness.Request("lunch tomorrow at noon", bob.Id), default)).Interpreter.ShouldBe("openai");
        server.Requests.Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Usage_OfADeletedUser_GoesWithTheUser(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var ledger = host.Services.GetRequiredService<ILlmUsageLedger>();
        await ledger.RecordAsync(new LlmUsage(ann.Id, "openai", "gpt-4o-mini", "interpret.v1", 100, 10), default);

        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await db.Users.Where(u => u.Id == ann.Id).ExecuteDeleteAsync();
        }

        (await ledger.TokensThisMonthAsync(ann.Id, default)).ShouldBe(0);
    }
}
