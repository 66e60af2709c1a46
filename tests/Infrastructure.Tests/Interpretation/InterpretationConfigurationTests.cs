using CleanAssistant.Application.Interpretation;
using CleanAssistant.Infrastructure.Interpretation;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Tests.Interpretation;

/// <summary>How configuration picks the interpreters, and how bad configuration fails at start.</summary>
public sealed class InterpretationConfigurationTests
{
    [Fact]
    public async Task WithoutConfiguration_TheInterpreterService_IsTheChainOfOfflineAlone()
    {
        await using var harness = InterpreterHarness.Create([]);

        var chain = harness.Chain;
        var answer = await chain.InterpretAsync(InterpreterHarness.Request("lunch with Alice tomorrow at noon"), default);

        chain.Name.ShouldBe(InterpretationOptions.ChainName);
        answer.Interpreter.ShouldBe(OfflineInterpreter.InterpreterName);
        answer.Intent.ShouldBe(Intent.CreateEvent);
        harness.Catalog.Names.ShouldBe(["offline", "auto"]);
        harness.Ledger.Records.ShouldBeEmpty();
    }

    [Fact]
    public async Task Catalog_OffersOffline_TheChain_AndEachProviderWithOfflineAfterIt()
    {
        await using var harness = InterpreterHarness.Create(
        [
            .. InterpreterHarness.Provider("openai", new Uri("http://127.0.0.1:9/")),
            .. InterpreterHarness.Provider("local", new Uri("http://127.0.0.1:9/"), kind: "Ollama"),
            .. InterpreterHarness.ChainOf("local", "offline", "openai"),
        ]);

        harness.Catalog.Names.ShouldBe(["offline", "auto", "local", "openai"]);
        harness.Catalog.Find("offline").ShouldBeOfType<OfflineInterpreter>();
        harness.Catalog.Find("nope").ShouldBeNull();
        var chain = harness.Catalog.Find("auto").ShouldBeOfType<InterpreterChain>();
        chain.Models.Select(m => m.Name).ShouldBe(["local", "openai"]);
        harness.Catalog.Find("OpenAI").ShouldBeOfType<InterpreterChain>().Models.Select(m => m.Name).ShouldBe(["openai"]);
    }

    [Fact]
    public void BadConfiguration_FailsAtStart_NamingEachKey()
    {
        var failure = Should.Throw<OptionsValidationException>(() => InterpreterHarness.Create(
        [
            new("Interpretation:Chain:0", "gpt"),
            new("Interpretation:MonthlyTokenBudgetPerUser", "-5"),
            new("Interpretation:Providers:openai:Model", "gpt-4o-mini"),
            new("Interpretation:Providers:azure:ApiKey", "k"),
            new("Interpretation:Providers:azure:Endpoint", "https://example.openai.azure.com/"),
            new("Interpretation:Providers:mystery:Model", "m"),
            new("Interpretation:Providers:ollama:Model", "llama3.1"),
            new("Interpretation:Providers:ollama:Timeout", "00:00:00"),
        ]));

        failure.Failures.ShouldBe(
        [
            "Interpretation:MonthlyTokenBudgetPerUser must be 0 (unlimited) or more.",
            "Interpretation:Chain names 'gpt', which is neither 'offline' nor a provider under Interpretation:Providers.",
            "Interpretation:Providers:azure:Deployment is required for AzureOpenAI.",
            "Interpretation:Providers:azure:ApiVersion is required for AzureOpenAI (e.g. 2024-10-21).",
            "Interpretation:Providers:mystery:Kind is required when the name is not openai, azure-openai, anthropic or ollama (one of: OpenAI, AzureOpenAI, Anthropic, Ollama).",
            "Interpretation:Providers:ollama:Timeout must be more than 0 and at most 5 minutes.",
            "Interpretation:Providers:openai:ApiKey is required for OpenAI.",
        ],
        ignoreOrder: true);
    }
}
