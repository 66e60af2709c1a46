using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanAssistant.WebApi.Tests.Support;
using CleanAssistant.WebApi.Tests.Transport;

namespace CleanAssistant.WebApi.Tests.Security;

/// <summary>GraphQL:TrustedDocuments: documents sent by their SHA-256, and a server that runs nothing else.</summary>
public sealed class TrustedDocumentsTests
{
    private const string Trusted = "query Me { me { email } }";
    private static readonly string TrustedId = Hash(Trusted);

    [Fact]
    public async Task ATrustedDocument_RunsByDocumentId_OrApolloHash_WhileOtherDocumentsStillRun()
    {
        await using var api = await ApiFactory.CreateAsync(settings: Settings(onlyTrusted: false));
        using var client = api.CreateClient(await api.SignUpAsync("trust@example.com"));

        var byId = await client.PostAsync(JsonSerializer.Serialize(new { documentId = "sha256:" + TrustedId }));
        var byApolloHash = await client.PostAsync(JsonSerializer.Serialize(new { extensions = new { persistedQuery = new { version = 1, sha256Hash = TrustedId } } }));
        var byGet = await client.SendAsync(HttpMethod.Get, "/graphql?documentId=sha256:" + TrustedId, content: null, GraphQLHttpClient.Json);
        var unknown = await client.PostAsync(JsonSerializer.Serialize(new { documentId = "sha256:" + new string('0', 64) }));
        var malformed = await client.PostAsync(JsonSerializer.Serialize(new { documentId = "sha256:xyz" }));
        var other = await client.PostQueryAsync("{ me { displayName } }");

        byId.Data.GetProperty("me").GetProperty("email").GetString().ShouldBe("trust@example.com", byId.ToString());
        byApolloHash.Data.GetProperty("me").GetProperty("email").GetString().ShouldBe("trust@example.com");
        byGet.Data.GetProperty("me").GetProperty("email").GetString().ShouldBe("trust@example.com");
        unknown.FirstErrorCode.ShouldBe("PERSISTED_DOCUMENT_NOT_FOUND");
        malformed.FirstErrorCode.ShouldBe("PERSISTED_DOCUMENT_INVALID");
        other.Data.GetProperty("me").GetProperty("displayName").GetString().ShouldBe("trust");
    }

    [Fact]
    public async Task WithOnlyTrustedDocuments_OtherDocumentsAreRefused_OverHttpAndWebSocket()
    {
        await using var api = await ApiFactory.CreateAsync(settings: Settings(onlyTrusted: true));
        var user = await api.SignUpAsync("only@example.com");
        using var client = api.CreateClient(user);

        var byId = await client.PostAsync(JsonSerializer.Serialize(new { documentId = TrustedId }));
        var sameText = await client.PostQueryAsync(Trusted);
        var other = await client.PostQueryAsync("{ me { displayName } }", accept: GraphQLHttpClient.GraphQLResponse);

        byId.Data.GetProperty("me").GetProperty("email").GetString().ShouldBe("only@example.com", byId.ToString());
        sameText.Data.GetProperty("me").GetProperty("email").GetString().ShouldBe("only@example.com", "the text of a trusted document is trusted");
        other.Status.ShouldBe(400);
        other.FirstErrorCode.ShouldBe("TRUSTED_DOCUMENT_REQUIRED");
        other.HasData.ShouldBeFalse();

        using var socket = await api.ConnectWebSocketAsync();
        await socket.SendJsonAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } });
        (await socket.ReceiveJsonAsync()).GetProperty("type").GetString().ShouldBe("connection_ack");
        await socket.SendJsonAsync(new { id = "1", type = "subscribe", payload = new { query = "subscription { calendarChanged { kind } }" } });
        var refused = await socket.ReceiveJsonAsync();
        refused.GetProperty("type").GetString().ShouldBe("error");
        refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TRUSTED_DOCUMENT_REQUIRED");
        await socket.SendJsonAsync(new { id = "2", type = "subscribe", payload = new { documentId = "sha256:" + TrustedId } });
        var next = await socket.ReceiveJsonAsync();
        next.GetProperty("type").GetString().ShouldBe("next", next.ToString());
        next.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("email").GetString().ShouldBe("only@example.com");
    }

    [Fact]
    public async Task AConfiguredIdThatIsNotTheHashOfItsDocument_StopsTheStart()
    {
        var settings = Settings(onlyTrusted: false);
        settings["GraphQL:TrustedDocuments:Documents:" + new string('a', 64)] = Trusted;
        await using var api = await ApiFactory.CreateAsync(settings: settings);

        var failure = Should.Throw<Exception>(() => api.CreateClient());

        failure.ToString().ShouldContain("is not the SHA-256 of its document");
    }

    private static Dictionary<string, string?> Settings(bool onlyTrusted) => new()
    {
        ["GraphQL:TrustedDocuments:OnlyTrustedDocuments"] = onlyTrusted ? "true" : "false",
        ["GraphQL:TrustedDocuments:Documents:" + TrustedId] = Trusted,
        ["GraphQL:TrustedDocuments:Documents:" + Hash(ApiFactory.RegisterMutation)] = ApiFactory.RegisterMutation,
    };

    private static string Hash(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
