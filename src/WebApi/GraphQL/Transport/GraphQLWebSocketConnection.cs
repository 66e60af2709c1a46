using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static CleanAssistant.WebApi.GraphQL.Transport.GraphQLWebSocketCloseCodes;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// One graphql-transport-ws connection. Messages to the client go through a bounded buffer drained by one
/// writer, so nothing that produces them (a publisher's thread included) ever waits for the network; a client
/// whose buffer fills up is dropped.
/// </summary>
internal sealed partial class GraphQLWebSocketConnection<TSchema> : IDisposable
    where TSchema : ISchema
{
    private const int MaxCloseReasonBytes = 123;
    private const string TokenExpired = "Access token expired";
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    // Task.Delay takes at most 2^32 - 2 ms (49 days); a longer-lived token is waited for in steps.
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(30);

    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly GraphQLWebSocketOptions _options;
    private readonly GraphQLHttpOptions _httpOptions;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<string> _outbox;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationToken _ended;
    private readonly IValidationRule[] _rules;
    private readonly IValidationRule[] _cachedDocumentRules;
    private Task _writer = Task.CompletedTask;
    private int _closing;
    private int _initReceived;
    private volatile bool _acknowledged;
    private DateTimeOffset? _tokenExpires;

    public GraphQLWebSocketConnection(
        HttpContext context,
        WebSocket socket,
        GraphQLWebSocketOptions options,
        GraphQLHttpOptions httpOptions,
        IGraphQLTextSerializer serializer,
        TimeProvider time,
        ILogger logger)
    {
        _context = context;
        _socket = socket;
        _options = options;
        _httpOptions = httpOptions;
        _serializer = serializer;
        _time = time;
        _logger = logger;
        _ended = _lifetime.Token;
        _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(options.SendBufferMessages) { SingleWriter = false, SingleReader = false });
        _cachedDocumentRules = httpOptions.ExtraValidationRules();
        _rules = [.. DocumentValidator.CoreRules, .. _cachedDocumentRules];
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var onStopping = stopping.Register(() => _ = CloseAsync(GoingAway, "Server shutting down"));
        _writer = WriteAsync();
        _ = CloseUnlessInitialisedAsync();
        _ = KeepAliveAsync();
        try
        {
            await ReceiveAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the socket was aborted (a slow client): nothing is left to say.
        }
        finally
        {
            await _lifetime.CancelAsync();
            StopOperations();
            _outbox.Writer.TryComplete();
            await _writer;
            if (Interlocked.Exchange(ref _closing, 1) == 0 && _socket.State == WebSocketState.CloseReceived)
            {
                await SendCloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty);
            }
        }
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            ValueWebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (message.Length + received.Count > _options.MaxMessageBytes)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big");
                    break;
                }

                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            if (Volatile.Read(ref _closing) != 0)
            {
                continue; // Waiting for the client's close frame.
            }

            if (received.MessageType != WebSocketMessageType.Text)
            {
                await CloseAsync(BadRequest, "Invalid message received");
                continue;
            }

            await HandleAsync(message.GetBuffer().AsMemory(0, (int)message.Length));
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> json)
    {
        string? type;
        string? id;
        string? payload;
        if (!Utf8.IsValid(json.Span))
        {
            await CloseAsync(BadRequest, "Invalid message received");
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("A message is a JSON object.");
            }

            type = StringProperty(root, "type");
            id = StringProperty(root, "id");
            payload = root.TryGetProperty("payload", out var value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            await CloseAsync(BadRequest, "Invalid message received");
            return;
        }

        switch (type)
        {
            case "connection_init":
                await InitialiseAsync(payload);
                break;
            case "ping":
                Send("""{"type":"pong"}""");
                break;
            case "pong":
                break;
            case "subscribe":
                await SubscribeAsync(id, payload);
                break;
            case "complete" when !string.IsNullOrEmpty(id):
                if (_operations.TryRemove(id, out var operation))
                {
                    operation.Dispose();
                }

                break;
            default:
                await CloseAsync(BadRequest, "Invalid message received");
                break;
        }
    }

    private async Task InitialiseAsync(string? payload)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) != 0)
        {
            await CloseAsync(TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        var principal = await AuthenticateAsync(payload);
        if (principal is null)
        {
            await CloseAsync(Forbidden, "Forbidden");
            return;
        }

        // The socket's request is the HttpContext every resolver of this connection sees (ICurrentUser).
        _context.User = principal;
        _tokenExpires = principal.GetExpirationDate();
        _acknowledged = true;
        Send("""{"type":"connection_ack"}""");
        if (_tokenExpires is { } expires)
        {
            _ = CloseWhenTokenExpiresAsync(expires);
        }
    }

    /// <summary>
    /// The connection is signed in only as long as its access token: at the token's expiry it is closed with
    /// 4403, and the client reconnects with a fresh token. One timer per connection, ended with the connection.
    /// </summary>
    private async Task CloseWhenTokenExpiresAsync(DateTimeOffset expires)
    {
        try
        {
            for (var left = expires - _time.GetUtcNow(); left > TimeSpan.Zero; left = expires - _time.GetUtcNow())
            {
                await Task.Delay(left < LongestDelay ? left : LongestDelay, _time, _ended);
            }

            LogTokenExpired(_logger);
            await CloseAsync(Forbidden, TokenExpired);
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }

    /// <summary>Checked on every subscribe too, so the timer firing late (a busy or suspended machine) lets nothing through.</summary>
    private bool TokenHasExpired() => _tokenExpires is { } expires && _time.GetUtcNow() >= expires;

    /// <summary>The access token of connection_init, validated as the HTTP endpoint validates bearer tokens.</summary>
    private async Task<ClaimsPrincipal?> AuthenticateAsync(string? payload)
    {
        string? token = null;
        if (payload is not null)
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var authorization = StringProperty(document.RootElement, "Authorization") ?? StringProperty(document.RootElement, "authorization");
                token = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? authorization["Bearer ".Length..].Trim()
                    : authorization ?? StringProperty(document.RootElement, "token");
            }
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var validation = _context.RequestServices.GetRequiredService<OpenIddictValidationService>();
            var principal = await validation.ValidateAccessTokenAsync(token, _ended);
            return principal.Identity?.IsAuthenticated == true ? principal : null;
        }
        catch (OpenIddictExceptions.ProtocolException exception)
        {
            LogRejectedToken(_logger, exception.Error);
            return null;
        }
    }

    private async Task SubscribeAsync(string? id, string? payload)
    {
        if (!_acknowledged)
        {
            await CloseAsync(Unauthorized, "Unauthorized");
            return;
        }

        if (TokenHasExpired())
        {
            LogTokenExpired(_logger);
            await CloseAsync(Forbidden, TokenExpired);
            return;
        }

        GraphQLRequest? request = null;
        try
        {
            request = payload is null ? null : _serializer.Deserialize<GraphQLRequest>(payload);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
        {
            request = null;
        }

        if (string.IsNullOrEmpty(id) || request is null || !GraphQLHttpRequestReader.HasDocument(request.Query, request.DocumentId, request.Extensions))
        {
            await CloseAsync(BadRequest, "Invalid message received");
            return;
        }

        if (_operations.ContainsKey(id))
        {
            await CloseAsync(SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }

        if (_operations.Count >= _options.MaxOperations)
        {
            SendError(id, new ExecutionError($"At most {_options.MaxOperations} operations may run on one connection; complete one first.") { Code = "TOO_MANY_OPERATIONS" });
            return;
        }

        var operation = new Operation(CancellationTokenSource.CreateLinkedTokenSource(_ended));
        _operations[id] = operation;
        _ = ExecuteAsync(id, operation, request);
    }

    private async Task ExecuteAsync(string id, Operation operation, GraphQLRequest request)
    {
        try
        {
            var result = await GraphQLHttpHandler<TSchema>.ExecuteAsync(_context, _httpOptions, _logger, request, _rules, _cachedDocumentRules, operation.Token);
            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Attach(streams.Values.First().Subscribe(new StreamObserver(this, id)));
                return;
            }

            if (!result.Executed)
            {
                if (_operations.TryRemove(id, out _))
                {
                    SendError(id, [.. result.Errors ?? []]);
                }
            }
            else if (_operations.ContainsKey(id))
            {
                Send(Message(id, "next", _serializer.Serialize(result)));
                Complete(id);
            }
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // Completed by the client, or the connection is closing.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogOperationFailed(_logger, exception);
            if (_operations.TryRemove(id, out _))
            {
                SendError(id, new ExecutionError(GraphQLHttpHandler<TSchema>.InternalErrorMessage) { Code = GraphQLHttpHandler<TSchema>.InternalErrorCode });
            }
        }
        finally
        {
            if (!_operations.TryGetValue(id, out var current) || !ReferenceEquals(current, operation))
            {
                operation.Dispose();
            }
        }
    }

    private void Complete(string id)
    {
        if (_operations.TryRemove(id, out var operation))
        {
            Send(Message(id, "complete", null));
            operation.Dispose();
        }
    }

    private void SendError(string id, params ExecutionError[] errors) =>
        Send(Message(id, "error", _serializer.Serialize(errors)));

    private static string Message(string id, string type, string? payload) =>
        payload is null
            ? $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"{{type}}"}"""
            : $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"{{type}}","payload":{{payload}}}""";

    /// <summary>Queues a message without waiting. A client too slow to take it is dropped.</summary>
    private void Send(string message)
    {
        if (Volatile.Read(ref _closing) == 0 && !_outbox.Writer.TryWrite(message))
        {
            _ = DropSlowClientAsync();
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync())
            {
                await _sendLock.WaitAsync();
                try
                {
                    await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted or closed by the client; the receive loop ends the connection.
        }
    }

    private async Task DropSlowClientAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        LogSlowClient(_logger, _options.SendBufferMessages);
        StopOperations();
        _outbox.Writer.TryComplete();
        while (_outbox.Reader.TryRead(out _))
        {
            // Free what the client will never read.
        }

        // A client that stopped reading usually has the writer stuck on a full TCP window: then only aborting helps.
        if (await _sendLock.WaitAsync(TimeSpan.FromSeconds(1)))
        {
            _sendLock.Release();
            await SendCloseAsync(TryAgainLater, "Client too slow: send buffer full");
            AbortLater();
        }
        else
        {
            _socket.Abort();
        }
    }

    /// <summary>Ends the connection with a close code: stops every operation, flushes what is queued, then closes.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        StopOperations();
        _outbox.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(CloseHandshakeTimeout);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
            return;
        }

        await SendCloseAsync(status, reason);
        AbortLater();
    }

    private async Task SendCloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) > MaxCloseReasonBytes)
        {
            reason = reason[..(MaxCloseReasonBytes / 4)];
        }

        await _sendLock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, reason, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>A client that never answers our close frame must not keep the request open.</summary>
    private void AbortLater() =>
        _ = Task.Delay(CloseHandshakeTimeout, _ended).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    _socket.Abort();
                }
            },
            TaskScheduler.Default);

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(_options.ConnectionInitTimeout, _ended);
            if (Volatile.Read(ref _initReceived) == 0)
            {
                await CloseAsync(ConnectionInitTimeout, "Connection initialisation timeout");
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }

    private async Task KeepAliveAsync()
    {
        if (_options.KeepAliveInterval == TimeSpan.Zero)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(_options.KeepAliveInterval);
            while (await timer.WaitForNextTickAsync(_ended))
            {
                Send("""{"type":"ping"}""");
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private void StopOperations()
    {
        foreach (var id in _operations.Keys)
        {
            if (_operations.TryRemove(id, out var operation))
            {
                operation.Dispose();
            }
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "WebSocket client rejected: invalid access token ({Error})")]
    private static partial void LogRejectedToken(ILogger logger, string? error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "WebSocket client dropped: it fell {Messages} messages behind")]
    private static partial void LogSlowClient(ILogger logger, int messages);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "GraphQL operation over WebSocket failed")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "WebSocket client closed: its access token expired")]
    private static partial void LogTokenExpired(ILogger logger);

    /// <summary>A running query or an open subscription, stopped by the client's complete or the connection's end.</summary>
    private sealed class Operation(CancellationTokenSource cancellation) : IDisposable
    {
        private IDisposable? _subscription;
        private int _disposed;

        public CancellationToken Token { get; } = cancellation.Token;

        public void Attach(IDisposable subscription)
        {
            Volatile.Write(ref _subscription, subscription);
            if (Volatile.Read(ref _disposed) != 0)
            {
                Interlocked.Exchange(ref _subscription, null)?.Dispose();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                cancellation.Cancel();
                Interlocked.Exchange(ref _subscription, null)?.Dispose();
                cancellation.Dispose();
            }
        }
    }

    private sealed class StreamObserver(GraphQLWebSocketConnection<TSchema> connection, string id) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (connection._operations.ContainsKey(id))
            {
                connection.Send(Message(id, "next", connection._serializer.Serialize(value)));
            }
        }

        public void OnError(Exception error)
        {
            LogOperationFailed(connection._logger, error);
            if (connection._operations.TryRemove(id, out var operation))
            {
                connection.SendError(id, new ExecutionError(GraphQLHttpHandler<TSchema>.InternalErrorMessage) { Code = GraphQLHttpHandler<TSchema>.InternalErrorCode });
                operation.Dispose();
            }
        }

        public void OnCompleted() => connection.Complete(id);
    }
}
