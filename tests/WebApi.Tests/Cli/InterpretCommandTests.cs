using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Cli;
using CleanAssistant.Cli.Commands;
using CleanAssistant.Tests.Shared;
using NodaTime;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class InterpretCommandTests
{
    [Fact]
    public async Task InterpretJsonl_AnswersEachLineInOrder_AndReportsBadLinesWithoutStopping()
    {
        var stdin = string.Join('\n',
            """{"id": "a", "text": "book a haircut on Friday at 4", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York", "extra": 1}""",
            """{"id": "b", "text": """,
            """{"id": "c", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York"}""",
            """{"id": 4, "text": "tell me a story", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York"}""",
            """{"id": "e", "text": "what's on tomorrow", "now": "2026-11-18T10:20:00", "timeZone": "Europe/Paris"}""") + "\n";

        var result = await CliRun.InProcessAsync(["interpret", "--jsonl"], stdin);

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Count.ShouldBe(5);

        lines[0].GetProperty("id").GetString().ShouldBe("a");
        lines[0].GetProperty("intent").GetString().ShouldBe("CreateEvent");
        lines[0].GetProperty("start").GetString().ShouldBe("2026-11-20T16:00:00-05:00");
        lines[0].TryGetProperty("location", out _).ShouldBeFalse("unstated slots are left out");

        lines[1].GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null);
        lines[1].GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        lines[2].GetProperty("id").GetString().ShouldBe("c");
        lines[2].GetProperty("error").GetString()!.ShouldContain("text");

        lines[3].GetProperty("id").GetInt32().ShouldBe(4);
        lines[3].GetProperty("intent").GetString().ShouldBe("Unknown");

        lines[4].GetProperty("rangeStart").GetString().ShouldBe("2026-11-19T00:00:00+01:00");
        lines[4].GetProperty("rangeEnd").GetString().ShouldBe("2026-11-20T00:00:00+01:00");
        result.Error.ShouldBeEmpty("no progress bar when stderr is not a terminal");
    }

    [Fact]
    public async Task InterpretJsonl_AddsConfidenceAndAlternatives_LeavesOutPointingBackTargets_AndGivesADayMoveItsStart()
    {
        var stdin = string.Join('\n',
            """{"id": "a", "text": "lunch with Ana next Friday at 1pm", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York"}""",
            """{"id": "b", "text": "book a haircut on Friday at 4pm", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York"}""",
            """{"id": "c", "text": "push it back an hour", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York"}""",
            """{"id": "d", "text": "move the dentist to friday", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York"}""") + "\n";

        var result = await CliRun.InProcessAsync(["interpret", "--jsonl"], stdin);

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines[0].GetProperty("start").GetString().ShouldBe("2026-11-20T13:00:00-05:00");
        lines[0].GetProperty("confidence").GetDouble().ShouldBeLessThan(1);
        var alternative = lines[0].GetProperty("alternatives")[0];
        alternative.GetProperty("phrase").GetString().ShouldBe("next Friday");
        alternative.GetProperty("meaning").GetString()!.ShouldContain("Nov 27");
        lines[1].TryGetProperty("confidence", out _).ShouldBeFalse("a sure answer carries no confidence");
        lines[1].TryGetProperty("alternatives", out _).ShouldBeFalse();
        lines[2].GetProperty("intent").GetString().ShouldBe("RescheduleEvent");
        lines[2].GetProperty("shiftMinutes").GetInt32().ShouldBe(60);
        lines[2].TryGetProperty("target", out _).ShouldBeFalse("\"it\" has no previous turn in a batch");
        lines[3].GetProperty("newStart").GetString().ShouldBe("2026-11-20T00:00:00-05:00");
        lines[3].GetProperty("newDate").GetString().ShouldBe("2026-11-20");
    }

    [Fact]
    public async Task InterpretJsonl_OnATerminal_DrawsProgressOnStderr_AndAnswersAThousandLinesInSeconds()
    {
        var batch = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            batch.Append("{\"id\": ").Append(i).Append(", \"text\": \"move the standup back 30 minutes and um add Bob\", \"now\": \"2026-11-18T10:20:00\", \"timeZone\": \"Europe/Paris\"}\n");
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader(batch.ToString()), output, error, isInputRedirected: true, isErrorRedirected: false);
        var clock = Stopwatch.StartNew();

        var exit = await InterpretCommand.RunBatchAsync(
            new OfflineInterpreter(), console, SystemClock.Instance, CancellationToken.None, Encoding.UTF8.GetByteCount(batch.ToString()));

        exit.ShouldBe(0);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1000);
        error.ToString().ShouldContain("100%");
        error.ToString().ShouldContain("1,000 lines");
        error.ToString().ShouldContain("lines/s");
    }

    [Fact]
    public async Task Interpret_WithoutJsonl_IsAUsageError()
    {
        var result = await CliRun.InProcessAsync(["interpret"]);

        result.ExitCode.ShouldBe(2, result.ToString());
    }

    [Fact]
    public async Task Interpret_WithAnUnknownInterpreter_IsAUsageError_ThatListsTheKnownOnes()
    {
        var result = await CliRun.InProcessAsync(["interpret", "--jsonl", "--interpreter", "gpt"], "{\"text\": \"hi\"}\n");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("unknown interpreter 'gpt' (known: offline, auto)");
    }

    [Fact]
    public async Task Interpret_WithAConfiguredProvider_AsksThatModel()
    {
        await using var server = await FakeLlmServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(Infrastructure.Persistence.DatabaseProvider.Sqlite);
        server.Reply(LlmWire.OllamaToolCall("create_event", """{"title":"Haircut at Sam's","when":"Friday at 4"}"""));
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Interpretation:Providers:ollama:Endpoint"] = server.Address.ToString(),
            ["Interpretation:Providers:ollama:Model"] = "llama3.1",
        };

        var result = await CliRun.InProcessAsync(
            ["interpret", "--jsonl", "--interpreter", "ollama"],
            """{"id": "a", "text": "book a haircut on Friday at 4", "now": "2026-11-18T10:20:00", "timeZone": "America/New_York"}""" + "\n",
            settings: settings);

        result.ExitCode.ShouldBe(0, result.ToString());
        var line = JsonDocument.Parse(result.Out).RootElement;
        line.GetProperty("title").GetString().ShouldBe("Haircut at Sam's");
        line.GetProperty("start").GetString().ShouldBe("2026-11-20T16:00:00-05:00");
        server.Requests.ShouldHaveSingleItem().Path.ShouldBe("/api/chat");
    }
}
