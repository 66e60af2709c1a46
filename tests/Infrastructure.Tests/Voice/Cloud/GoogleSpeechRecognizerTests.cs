using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAssistant.Application.Voice;
using static CleanAssistant.Infrastructure.Tests.Voice.Cloud.SpeechHarness;

namespace CleanAssistant.Infrastructure.Tests.Voice.Cloud;

/// <summary>Google Cloud Speech-to-Text v1 <c>speech:recognize</c>, against a fake that answers what the real one answers.</summary>
public sealed class GoogleSpeechRecognizerTests : IAsyncLifetime
{
    private FakeSpeechServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSpeechServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Success_SendsLinear16AndTheHintsAsASpeechContext_AndJoinsTheResults()
    {
        _server.Reply(GooglePath, 200, SpeechWire.GoogleSuccess);
        await using var harness = Create(GoogleAt(_server.Address, model: "latest_short"));
        var audio = Tone(0.5);

        var transcript = await harness.Engine("google").RecognizeAsync(audio, new RecognitionHints(["Siobhan", "Dr Okafor", " ", "siobhan"]), CancellationToken.None);

        transcript.Text.ShouldBe("schedule lunch with Siobhan tomorrow at noon");
        transcript.Engine.ShouldBe("google");
        transcript.Confidence.ShouldNotBeNull().ShouldBe(0.9, 0.001);
        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Header("x-goog-api-key").ShouldBe("google-key-1");
        request.Query.ShouldNotContain("key=");
        var config = request.Json.GetProperty("config");
        config.GetProperty("encoding").GetString().ShouldBe("LINEAR16");
        config.GetProperty("sampleRateHertz").GetInt32().ShouldBe(16_000);
        config.GetProperty("languageCode").GetString().ShouldBe("en-US");
        config.GetProperty("enableAutomaticPunctuation").GetBoolean().ShouldBeFalse();
        config.GetProperty("model").GetString().ShouldBe("latest_short");
        config.GetProperty("speechContexts")[0].GetProperty("phrases").EnumerateArray().Select(p => p.GetString()).ShouldBe(["Siobhan", "Dr Okafor"]);
        var content = Convert.FromBase64String(request.Json.GetProperty("audio").GetProperty("content").GetString()!);
        content.Length.ShouldBe(audio.Samples.Length * 2);
        BitConverter.ToInt16(content, 200).ShouldBe(audio.Samples.Span[100]);
    }

    [Fact]
    public async Task NoHints_SendNoSpeechContext_AndNoResults_GiveEmptyText()
    {
        _server.Reply(GooglePath, 200, SpeechWire.GoogleNoSpeech);
        await using var harness = Create(GoogleAt(_server.Address));

        var transcript = await harness.Engine("google").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.ShouldBe(new Transcript("", "google"));
        var config = _server.Requests.ShouldHaveSingleItem().Json.GetProperty("config");
        config.TryGetProperty("speechContexts", out _).ShouldBeFalse();
        config.TryGetProperty("model", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ResourceExhausted_IsRetried_ThenFailsAsTransient()
    {
        _server.Reply(GooglePath, 429, SpeechWire.GoogleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests'."));
        await using var harness = Create(GoogleAt(_server.Address, maxRetries: 1));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("google").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("429");
        failure.Message.ShouldContain("RESOURCE_EXHAUSTED");
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Unavailable_IsRetried_AndTheNextAnswerCounts()
    {
        _server.Reply(GooglePath, 503, SpeechWire.GoogleError(503, "UNAVAILABLE", "The service is currently unavailable."))
            .Reply(GooglePath, 200, SpeechWire.GoogleSuccess);
        await using var harness = Create(GoogleAt(_server.Address));

        var transcript = await harness.Engine("google").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        transcript.Text.ShouldStartWith("schedule lunch");
        _server.Requests.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(403, "PERMISSION_DENIED", "Cloud Speech-to-Text API has not been used in project 123 before or it is disabled.")]
    [InlineData(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")]
    [InlineData(400, "INVALID_ARGUMENT", "Invalid recognition 'config': bad encoding..")]
    public async Task Refusals_AreNotRetried_AndNotTransient(int code, string status, string message)
    {
        _server.Reply(GooglePath, code, SpeechWire.GoogleError(code, status, message));
        await using var harness = Create(GoogleAt(_server.Address));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("google").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain(status);
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ServiceAccount_TradesASignedJwtForAToken_AtTheKeysTokenUri_AndSendsItAsBearer()
    {
        using var rsa = RSA.Create(2048);
        var tokenUri = new Uri(_server.Address, "token");
        _server.Reply("/token", 200, """{"access_token":"ya29.fake-access-token","expires_in":3599,"token_type":"Bearer"}""");
        _server.Reply(GooglePath, 200, SpeechWire.GoogleSuccess);
        await using var harness = Create(GoogleAt(_server.Address, serviceAccountJson: ServiceAccountKey(rsa, tokenUri)));

        await harness.Engine("google").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);
        await harness.Engine("google").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None);

        // One token for both calls: it is good for an hour.
        var tokenRequest = _server.RequestsTo("/token").ShouldHaveSingleItem();
        var form = tokenRequest.Text.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        form["grant_type"].ShouldBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
        var parts = form["assertion"].Split('.');
        rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).ShouldBeTrue();
        using var claims = JsonDocument.Parse(Base64Url(parts[1]));
        claims.RootElement.GetProperty("iss").GetString().ShouldBe("speech@cleanassistant-test.iam.gserviceaccount.com");
        // The library sends the assertion to the key's token_uri, addressed to Google's token audience.
        claims.RootElement.GetProperty("aud").GetString().ShouldBe("https://oauth2.googleapis.com/token");
        claims.RootElement.GetProperty("scope").GetString().ShouldBe("https://www.googleapis.com/auth/cloud-platform");
        _server.RequestsTo(GooglePath).ShouldAllBe(r => r.Header("Authorization") == "Bearer ya29.fake-access-token" && !r.Headers.ContainsKey("x-goog-api-key"));
    }

    [Fact]
    public async Task ServiceAccount_RefusedByTheTokenEndpoint_IsNotTransient()
    {
        using var rsa = RSA.Create(2048);
        _server.Reply("/token", 400, """{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""");
        await using var harness = Create(GoogleAt(_server.Address, serviceAccountJson: ServiceAccountKey(rsa, new Uri(_server.Address, "token"))));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("google").RecognizeAsync(Tone(), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("invalid_grant");
        _server.RequestsTo(GooglePath).ShouldBeEmpty();
    }

    [Fact]
    public async Task AudioLongerThanAMinute_IsNotSent_AndIsNotTransient()
    {
        await using var harness = Create(GoogleAt(_server.Address));

        var failure = await Should.ThrowAsync<SpeechEngineException>(() => harness.Engine("google").RecognizeAsync(Tone(60.5), RecognitionHints.None, CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        _server.Requests.ShouldBeEmpty();
    }

    /// <summary>A service account key file as the Cloud console gives one, with a fresh key and the fake's token address.</summary>
    internal static string ServiceAccountKey(RSA rsa, Uri tokenUri) => new JsonObject
    {
        ["type"] = "service_account",
        ["project_id"] = "cleanassistant-test",
        ["private_key_id"] = "0123456789abcdef",
        ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = "speech@cleanassistant-test.iam.gserviceaccount.com",
        ["client_id"] = "100000000000000000001",
        ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
        ["token_uri"] = tokenUri.ToString(),
    }.ToJsonString();

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
