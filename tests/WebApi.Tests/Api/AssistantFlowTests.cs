using CleanAssistant.Tests.Shared;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>The assistant through GraphQL: a dry run, a message that acts, "it" in the next one, undo, and bad input.</summary>
public sealed class AssistantFlowTests
{
    private const string ReplyFields = "conversationId reply outcome canUndo choices event { id title start } interpretation { intent title confidence interpreter target { pointsBack } }";

    [Fact]
    public async Task Interpret_SendMessage_FollowUp_Undo_AndTheConversationKeepsTheTurns()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));

        var preview = await client.GraphQLAsync($"{{ interpret(text: \"lunch with Alice tomorrow at noon\") {{ {ReplyFields} }} }}");
        preview.ErrorCode().ShouldBeNull();
        preview["data"]!["interpret"]!["outcome"]!.GetValue<string>().ShouldBe("WOULD_DO");
        preview["data"]!["interpret"]!["interpretation"]!["intent"]!.GetValue<string>().ShouldBe("CREATE_EVENT");
        preview["data"]!["interpret"]!["interpretation"]!["interpreter"]!.GetValue<string>().ShouldBe("offline");
        preview["data"]!["interpret"]!["conversationId"].ShouldBeNull();

        var sent = await client.GraphQLAsync(
            $"mutation($text: String!) {{ sendMessage(input: {{ text: $text }}) {{ reply {{ {ReplyFields} }} errors {{ code message field }} }} }}",
            new { text = "lunch with Alice tomorrow at noon" });
        var reply = sent["data"]!["sendMessage"]!["reply"]!;
        sent["data"]!["sendMessage"]!["errors"]!.AsArray().ShouldBeEmpty();
        reply["outcome"]!.GetValue<string>().ShouldBe("DONE");
        reply["canUndo"]!.GetValue<bool>().ShouldBeTrue();
        reply["event"]!["title"]!.GetValue<string>().ShouldBe("Lunch with Alice");
        var conversationId = reply["conversationId"]!.GetValue<string>();
        var eventId = reply["event"]!["id"]!.GetValue<string>();

        var renamed = await client.GraphQLAsync(
            $"mutation($text: String!, $id: ID) {{ sendMessage(input: {{ text: $text, conversationId: $id }}) {{ reply {{ {ReplyFields} }} errors {{ code }} }} }}",
            new { text = "move it to the day after tomorrow at 1 pm", id = conversationId });
        var moved = renamed["data"]!["sendMessage"]!["reply"]!;
        moved["outcome"]!.GetValue<string>().ShouldBe("DONE", moved["reply"]!.GetValue<string>());
        moved["event"]!["id"]!.GetValue<string>().ShouldBe(eventId);

        var undone = await client.GraphQLAsync(
            "mutation($id: ID) { undoLastAction(input: { conversationId: $id }) { reply { outcome reply } errors { code } } }",
            new { id = conversationId });
        undone["data"]!["undoLastAction"]!["reply"]!["outcome"]!.GetValue<string>().ShouldBe("UNDONE");

        var conversation = await client.GraphQLAsync(
            "query($id: ID!) { conversation(id: $id) { id focusEventId turns { speaker text intent eventId } } }",
            new { id = conversationId });
        var turns = conversation["data"]!["conversation"]!["turns"]!.AsArray();
        turns.Select(t => t!["speaker"]!.GetValue<string>()).ShouldBe(["USER", "ASSISTANT", "USER", "ASSISTANT", "ASSISTANT"]);
        turns[1]!["intent"]!.GetValue<string>().ShouldBe("CreateEvent");
        conversation["data"]!["conversation"]!["focusEventId"]!.GetValue<string>().ShouldBe(eventId);
    }

    [Fact]
    public async Task BadMessages_AreClearErrors()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));

        var empty = await client.GraphQLAsync("mutation { sendMessage(input: { text: \"  \" }) { reply { reply } errors { code field } } }");
        empty["data"]!["sendMessage"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("VALIDATION");
        empty["data"]!["sendMessage"]!["errors"]![0]!["field"]!.GetValue<string>().ShouldBe("text");

        var badId = await client.GraphQLAsync("mutation { sendMessage(input: { text: \"hi\", conversationId: \"nonsense\" }) { reply { reply } errors { code field } } }");
        badId["data"]!["sendMessage"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("VALIDATION");

        var unknown = await client.GraphQLAsync("mutation { sendMessage(input: { text: \"🦄 ✨ zxqv\" }) { reply { outcome reply } errors { code } } }");
        unknown["data"]!["sendMessage"]!["reply"]!["outcome"]!.GetValue<string>().ShouldBe("NOT_UNDERSTOOD");

        using var anonymous = api.CreateClient();
        var refused = await anonymous.GraphQLAsync("{ interpret(text: \"what's on today\") { reply } }");
        refused.ErrorCode().ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task WithAnLlmConfigured_TheAssistantActsOnItsToolCall_AndFallsBackOfflineWhenItFails()
    {
        await using var openai = await FakeLlmServer.StartAsync();
        openai.Reply(LlmWire.OpenAiToolCall("create_event", """{"title":"Sprint review","when":"tomorrow at 4pm","confidence":0.95}"""));
        openai.Reply(500, LlmWire.ServerError);
        await using var api = await ApiFactory.CreateAsync(settings: new()
        {
            ["Interpretation:Chain:0"] = "openai",
            ["Interpretation:Providers:openai:Endpoint"] = openai.Address.ToString(),
            ["Interpretation:Providers:openai:ApiKey"] = "sk-test",
            ["Interpretation:Providers:openai:Model"] = "gpt-test",
            ["Interpretation:Providers:openai:MaxRetries"] = "0",
        });
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));

        var byModel = await client.GraphQLAsync("mutation { sendMessage(input: { text: \"put the sprint review in tomorrow at four\" }) { reply { outcome event { title } interpretation { interpreter } } errors { code } } }");
        var reply = byModel["data"]!["sendMessage"]!["reply"]!;
        reply["outcome"]!.GetValue<string>().ShouldBe("DONE");
        reply["event"]!["title"]!.GetValue<string>().ShouldBe("Sprint review");
        reply["interpretation"]!["interpreter"]!.GetValue<string>().ShouldBe("openai");
        openai.Requests.ShouldHaveSingleItem().Headers["Authorization"].ShouldBe("Bearer sk-test");

        var offline = await client.GraphQLAsync("{ interpret(text: \"lunch with Alice tomorrow at noon\") { outcome interpretation { interpreter title } } }");
        offline["data"]!["interpret"]!["interpretation"]!["interpreter"]!.GetValue<string>().ShouldBe("offline");
        offline["data"]!["interpret"]!["outcome"]!.GetValue<string>().ShouldBe("WOULD_DO");
    }
}
