using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Text.Json;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Voice;
using CleanAssistant.Application.Voice.SubmitVoiceCommand;
using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Voice.Audio;
using CleanAssistant.WebApi.GraphQL.Conversations;
using CleanAssistant.WebApi.RateLimiting;
using Mediator;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation;

namespace CleanAssistant.WebApi.Voice;

/// <summary>
/// <c>/voice/stream</c>: a WebSocket on which a client streams raw audio (16-bit little-endian PCM, mono, 16 kHz, in
/// binary messages) and gets back, as JSON text messages, when speech starts, partial transcripts about every second,
/// the final transcript when the speaker pauses (or sends <c>stop</c>), and the command's result. The same steps go
/// to the <c>voiceSession(id)</c> subscription. Protocol: docs/voice.md.
/// </summary>
public static partial class VoiceStreamEndpoint
{
    /// <summary>Close code: no (valid) <c>start</c> message in time, or its token was refused (as graphql-transport-ws's 4403).</summary>
    public const int Forbidden = 4403;

    /// <summary>Close code: a message that does not follow the protocol.</summary>
    public const int BadRequest = 4400;

    private const int MaxFrameBytes = 64 * 1024;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxUtterance = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxSession = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PartialEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PreRoll = TimeSpan.FromSeconds(1);

    /// <summary>Audio before the detected start of speech that still goes to the engine (within what <see cref="PreRoll"/> keeps).</summary>
    private static readonly TimeSpan LeadIn = TimeSpan.FromMilliseconds(500);

    public static IEndpointConventionBuilder MapVoiceStream(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map("/voice/stream", RunAsync).WithDisplayName("Voice stream (WebSocket)");

    private static async Task RunAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            await http.Response.WriteAsync("Connect with a WebSocket to stream audio; see docs/voice.md.");
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(MaxSession);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VoiceStreamEndpoint));
        try
        {
            var session = await StartAsync(http, socket, lifetime.Token);
            if (session is null)
            {
                await CloseAsync(socket, Forbidden, "Forbidden: send {\"type\":\"start\",\"token\":\"<access token>\"} first");
                return;
            }

            await session.RunAsync(lifetime.Token);
            await CloseAsync(socket, (int)WebSocketCloseStatus.NormalClosure, "Bye");
        }
        catch (ProtocolViolation violation)
        {
            await CloseAsync(socket, BadRequest, violation.Message);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            await CloseAsync(socket, (int)WebSocketCloseStatus.PolicyViolation, "The session is over its time limit");
        }
        catch (WebSocketException)
        {
            LogStreamEnded(logger, "the connection was lost");
        }
        catch (OperationCanceledException)
        {
            LogStreamEnded(logger, "the client went away");
        }
    }

    /// <summary>Waits for <c>start</c> and checks its token; null when it does not come or is refused.</summary>
    private static async Task<Session?> StartAsync(HttpContext http, WebSocket socket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        JsonElement start;
        try
        {
            var message = await ReceiveAsync(socket, timeout.Token);
            if (message is not { Type: WebSocketMessageType.Text } text)
            {
                return null;
            }

            start = Parse(text.Bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (Text(start, "type") != "start" || Text(start, "token") is not { Length: > 0 } token)
        {
            return null;
        }

        ClaimsPrincipal principal;
        try
        {
            principal = await http.RequestServices.GetRequiredService<OpenIddictValidationService>().ValidateAccessTokenAsync(token, cancellationToken);
        }
        catch (OpenIddictExceptions.ProtocolException)
        {
            return null;
        }

        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.GetClaim(OpenIddictConstants.Claims.Subject), out var subject))
        {
            return null;
        }

        // The socket's request is what every use case of this session sees as the current user.
        http.User = principal;
        if (!http.RequestServices.GetRequiredService<ICurrentUser>().HasScope(ApiScopes.Assistant))
        {
            return null;
        }

        ConversationId? conversationId;
        try
        {
            conversationId = Text(start, "conversationId") is { } conversation ? ConversationType.Decode(conversation, "conversationId") : null;
        }
        catch (ValidationException exception)
        {
            throw new ProtocolViolation(exception.Message);
        }

        SpeechAudioFormat? replyAudio = Text(start, "replyAudio") switch
        {
            null => null,
            "WAV" => SpeechAudioFormat.Wav,
            "OGG_OPUS" => SpeechAudioFormat.OggOpus,
            var other => throw new ProtocolViolation($"replyAudio must be WAV or OGG_OPUS, not '{other}'"),
        };
        return new Session(http, socket, new UserId(subject), conversationId, replyAudio);
    }

    private static async Task CloseAsync(WebSocket socket, int code, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync((WebSocketCloseStatus)code, reason.Length > 120 ? reason[..120] : reason, timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The peer is gone: nothing more to say.
            }
        }
    }

    private static async Task<(WebSocketMessageType Type, byte[] Bytes)?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
        try
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == MaxFrameBytes)
                {
                    throw new ProtocolViolation($"A message may be at most {MaxFrameBytes} bytes");
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length, MaxFrameBytes - length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);
            return (result.MessageType, buffer[..length]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonElement Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : throw new ProtocolViolation("Text messages are JSON objects");
        }
        catch (JsonException)
        {
            throw new ProtocolViolation("Text messages are JSON objects");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Voice stream ended: {Reason}")]
    private static partial void LogStreamEnded(ILogger logger, string reason);

    private sealed class ProtocolViolation(string message) : Exception(message);

    /// <summary>One signed-in stream: listens, cuts utterances at pauses, and carries each one out.</summary>
    private sealed class Session(HttpContext http, WebSocket socket, UserId owner, ConversationId? conversationId, SpeechAudioFormat? replyAudio)
    {
        private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

        private readonly Guid _id = Guid.NewGuid();
        private readonly List<short> _audio = [];
        private readonly StreamingVoiceActivityDetector _detector = new(http.RequestServices.GetRequiredService<IOptions<AudioOptions>>().Value.VoiceActivity);
        private readonly ILiveEvents _live = http.RequestServices.GetRequiredService<ILiveEvents>();
        private readonly TimeProvider _time = http.RequestServices.GetRequiredService<TimeProvider>();
        private ConversationId? _conversationId = conversationId;

        /// <summary>Where <see cref="_audio"/> starts on the detector's timeline.</summary>
        private TimeSpan _audioStart;
        private TimeSpan _lastPartial;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await SendAsync(new VoiceSessionUpdated(owner, _id, VoiceSessionStage.Ready, _time.GetCurrentInstant()), cancellationToken);
            while (await ReceiveAsync(socket, cancellationToken) is { } message)
            {
                if (message.Type == WebSocketMessageType.Binary)
                {
                    await HearAsync(message.Bytes, cancellationToken);
                    continue;
                }

                switch (Text(Parse(message.Bytes), "type"))
                {
                    case "stop":
                        await FinishUtteranceAsync(cancellationToken);
                        break;
                    case "close":
                        return;
                    default:
                        throw new ProtocolViolation("Text messages are {\"type\":\"stop\"} or {\"type\":\"close\"}; audio goes in binary messages");
                }
            }
        }

        private async Task HearAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            if (bytes.Length % 2 != 0)
            {
                throw new ProtocolViolation("Audio messages hold whole 16-bit samples");
            }

            var samples = MemoryMarshal.Cast<byte, short>(bytes).ToArray();
            _audio.AddRange(samples);

            // 20 ms frames through the detector.
            const int frame = PcmAudio.StandardRate / 50;
            for (var offset = 0; offset < samples.Length; offset += frame)
            {
                switch (_detector.Push(samples.AsSpan(offset, Math.Min(frame, samples.Length - offset))))
                {
                    case Infrastructure.Voice.Audio.VoiceActivityEvent.SpeechStarted:
                        _lastPartial = _detector.Position;
                        await SendAsync(new VoiceSessionUpdated(owner, _id, VoiceSessionStage.SpeechStarted, _time.GetCurrentInstant()), cancellationToken);
                        break;
                    case Infrastructure.Voice.Audio.VoiceActivityEvent.UtteranceEnded:
                        await FinishUtteranceAsync(cancellationToken);
                        return;
                }
            }

            if (_detector.InSpeech && _detector.Utterance is { } utterance)
            {
                if (utterance.Length > MaxUtterance)
                {
                    await FinishUtteranceAsync(cancellationToken);
                }
                else if (_detector.Position - _lastPartial >= PartialEvery)
                {
                    _lastPartial = _detector.Position;
                    await PartialAsync(utterance, cancellationToken);
                }
            }
            else if (!_detector.InSpeech && Seconds(_audio.Count) > PreRoll * 2)
            {
                // Silence: keep only a little of it, for the start of the next utterance.
                var drop = _audio.Count - (int)(PreRoll.TotalSeconds * PcmAudio.StandardRate);
                _audio.RemoveRange(0, drop);
                _audioStart += Seconds(drop);
            }
        }

        private async Task PartialAsync(SpeechSegment utterance, CancellationToken cancellationToken)
        {
            var speech = http.RequestServices.GetRequiredService<ISpeechToText>();
            try
            {
                var heard = await speech.TranscribeAsync(Slice(utterance), RecognitionHints.None, null, cancellationToken);
                if (heard.Text.Length > 0)
                {
                    await SendAsync(new VoiceSessionUpdated(owner, _id, VoiceSessionStage.Partial, _time.GetCurrentInstant()) { Text = heard.Text }, cancellationToken);
                }
            }
            catch (SpeechEngineException)
            {
                // A partial is only a preview; the final transcript reports failures.
            }
        }

        private async Task FinishUtteranceAsync(CancellationToken cancellationToken)
        {
            var utterance = _detector.Utterance is { } found && found.End > _audioStart ? found : new SpeechSegment(_audioStart, _audioStart + Seconds(_audio.Count));
            var audio = Slice(utterance);
            _audio.Clear();
            _audioStart = _detector.Position;
            if (audio.Samples.Length < PcmAudio.StandardRate / 10)
            {
                return; // nothing said
            }

            // Each utterance is transcribed and interpreted: it spends one use of the caller's voice budget.
            if (http.RequestServices.GetService<RateLimiter>() is { } limiter
                && await limiter.CheckAsync(RateLimitCaller.From(http), RateLimitBudget.Voice, 1, cancellationToken) is { Allowed: false } refused)
            {
                await SendAsync(
                    new VoiceSessionUpdated(owner, _id, VoiceSessionStage.Error, _time.GetCurrentInstant()) { Code = RateLimitedError.Code, Message = RateLimitedError.Message(refused) },
                    cancellationToken);
                return;
            }

            var bytes = MemoryMarshal.AsBytes(audio.Samples.Span).ToArray();
            await using var scope = http.RequestServices.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                    new SubmitVoiceCommandCommand(bytes, SpeechInput.RawPcmContentType, _conversationId, replyAudio), cancellationToken);
                _conversationId = result.Reply.ConversationId ?? _conversationId;
                var now = _time.GetCurrentInstant();
                await SendAsync(new VoiceSessionUpdated(owner, _id, VoiceSessionStage.Final, now) { Text = result.Transcript, Engine = result.Engine }, cancellationToken);
                await SendAsync(
                    new VoiceSessionUpdated(owner, _id, VoiceSessionStage.Result, now)
                    {
                        Reply = result.Reply.Reply,
                        Outcome = result.Reply.Outcome.ToString(),
                        ConversationId = result.Reply.ConversationId,
                        ReplyAudioUrl = result.HasReplyAudio ? VoiceAudioEndpoint.ReplyPath(result.Id) : null,
                        Text = result.Transcript,
                    },
                    cancellationToken);
            }
            catch (Exception exception) when (exception is AppException or DomainException)
            {
                var code = exception is AppException app ? app.Code : ((DomainException)exception).Code;
                await SendAsync(new VoiceSessionUpdated(owner, _id, VoiceSessionStage.Error, _time.GetCurrentInstant()) { Code = code, Message = exception.Message }, cancellationToken);
            }
        }

        /// <summary>
        /// The utterance with up to <see cref="LeadIn"/> of the audio before it: the detector notices speech only once it
        /// is loud enough, and a soft first syllable ("re-" of "remind") would otherwise be cut.
        /// </summary>
        private PcmAudio Slice(SpeechSegment utterance)
        {
            var all = new PcmAudio(_audio.ToArray());
            var start = utterance.Start - LeadIn > _audioStart ? utterance.Start - LeadIn : _audioStart;
            return all.Slice(start - _audioStart, utterance.End - _audioStart);
        }

        private static TimeSpan Seconds(int samples) => TimeSpan.FromSeconds((double)samples / PcmAudio.StandardRate);

        private async Task SendAsync(VoiceSessionUpdated update, CancellationToken cancellationToken)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = JsonNamingPolicy.SnakeCaseLower.ConvertName(update.Stage.ToString()),
                sessionId = _id.ToString("N"),
                text = update.Text,
                engine = update.Engine,
                reply = update.Reply,
                outcome = update.Outcome,
                conversationId = update.ConversationId is { } c ? ConversationType.Encode(c) : null,
                replyAudioUrl = update.ReplyAudioUrl,
                code = update.Code,
                message = update.Message,
            }, Json);
            await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            await _live.PublishAsync(update, CancellationToken.None);
        }
    }
}
