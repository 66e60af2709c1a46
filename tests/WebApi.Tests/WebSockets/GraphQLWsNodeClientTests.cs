using System.Text.Json.Nodes;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Events;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.Tests.Support;
using NodaTime;
using Xunit.Abstractions;

namespace CleanAssistant.WebApi.Tests.WebSockets;

/// <summary>The npm graphql-ws client, what front ends use, against the real server (tests/WebApi.Tests/node/graphql-ws.mjs).</summary>
public sealed class GraphQLWsNodeClientTests(WebSocketServer server, ITestOutputHelper output) : IClassFixture<WebSocketServer>
{
    [Fact]
    public async Task TheGraphQLWsClient_IsRefusedABadToken_QueriesAndReceivesMyCalendarChange()
    {
        var aliceId = await server.UserIdAsync(server.Alice);
        var eventId = new EventId(Guid.NewGuid());
        var url = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri.ToString();
        var script = NodeTooling.RunScriptAsync("graphql-ws.mjs", [url, server.Alice.AccessToken], TimeSpan.FromMinutes(2));

        // The script says nothing to us while it runs; publish until it has received the change and exited.
        while (!script.IsCompleted)
        {
            await server.LiveEvents.PublishAsync(new CalendarChanged(aliceId, eventId, CalendarChangeKind.Deleted, SystemClock.Instance.GetCurrentInstant()), CancellationToken.None);
            await Task.WhenAny(script, Task.Delay(200));
        }

        var result = await script;
        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);
        result.ExitCode.ShouldBe(0, result.StandardError);
        var findings = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        findings.Single(f => f["badTokenClose"] is not null)["badTokenClose"]!.GetValue<int>().ShouldBe(4403);
        findings.Single(f => f["query"] is not null)["query"]!["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe(server.Alice.Email);
        var change = findings.Single(f => f["event"] is not null)["event"]!["data"]!["calendarChanged"]!;
        change["kind"]!.GetValue<string>().ShouldBe("DELETED");
        change["eventId"]!.GetValue<string>().ShouldBe(GlobalId.Encode("Event", eventId.Value));
    }
}
