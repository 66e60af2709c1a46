using CleanAssistant.WebApi.RateLimiting;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Serves one GraphQL endpoint by the GraphQL over HTTP spec: negotiates the response media type,
/// reads the request, executes it with the request's services, user and abort token, and picks
/// the status code the chosen media type calls for.
/// </summary>
internal sealed partial class GraphQLHttpHandler<TSchema>
    where TSchema : ISchema
{
    public const string AllowedMethods = "GET, POST";
    public const string InternalErrorCode = "INTERNAL";
    public const string InternalErrorMessage = "Internal server error";
    public const string TimeoutCode = "TIMEOUT";
    public const string QueryTooDeepCode = "QUERY_TOO_DEEP";

    private readonly GraphQLHttpOptions _options;
    private readonly ILogger _logger;
    private readonly IValidationRule[] _getRules;
    private readonly IValidationRule[] _postRules;
    private readonly IValidationRule[] _getCachedDocumentRules;
    private readonly IValidationRule[] _postCachedDocumentRules;
    private bool? _acceptsUploads;

    public GraphQLHttpHandler(IOptions<GraphQLHttpOptions> options, ILogger<GraphQLHttpHandler<TSchema>> logger)
    {
        _options = options.Value;
        _logger = logger;

        // Setting ValidationRules replaces the core rules, so they are listed first. Documents
        // from a document cache skip the core rules but must still meet ours.
        var extra = _options.ExtraValidationRules();
        _getRules = [.. DocumentValidator.CoreRules, HttpOperationTypeValidationRule.ForGet, .. extra];
        _postRules = [.. DocumentValidator.CoreRules, HttpOperationTypeValidationRule.ForPost, .. extra];
        _getCachedDocumentRules = [HttpOperationTypeValidationRule.ForGet, .. extra];
        _postCachedDocumentRules = [HttpOperationTypeValidationRule.ForPost, .. extra];
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // A bug of ours, not the client's: still a GraphQL error body, without the details.
            LogTransportFailure(_logger, ex);
            context.Response.Clear();
            await WriteErrorAsync(
                context,
                GraphQLMediaTypes.Negotiate(context.Request.Headers.Accept) ?? GraphQLMediaTypes.Json,
                StatusCodes.Status500InternalServerError,
                InternalErrorCode,
                InternalErrorMessage);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var mediaType = GraphQLMediaTypes.Negotiate(request.Headers.Accept);
        var isGet = HttpMethods.IsGet(request.Method);
        if (isGet)
        {
            // The media type, and so the status code, depend on Accept: caches must key on it.
            context.Response.Headers.Vary = HeaderNames.Accept;
        }

        // Every request counts against the general budgets; expensive fields are charged once the document is known.
        if (context.RequestServices.GetService<RateLimiter>() is { } limiter
            && RateLimitHeaders.Record(context, await limiter.CheckAsync(RateLimitCaller.From(context), RateLimitBudget.General, 1, context.RequestAborted)) is { Allowed: false } refused)
        {
            var rateLimited = new ExecutionError(RateLimitedError.Message(refused)) { Code = RateLimitedError.Code };
            rateLimited.AddExtension(RateLimitedError.RetryAfterExtension, refused.RetryAfterSeconds);
            await WriteAsync(context, context.RequestServices.GetRequiredService<IGraphQLTextSerializer>(), new ExecutionResult { Errors = [rateLimited] }, mediaType ?? GraphQLMediaTypes.Json, StatusCodes.Status429TooManyRequests);
            return;
        }

        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = AllowedMethods;
            await WriteErrorAsync(
                context,
                mediaType ?? GraphQLMediaTypes.Json,
                StatusCodes.Status405MethodNotAllowed,
                "METHOD_NOT_ALLOWED",
                $"GraphQL requests use GET (queries only) or POST, not {request.Method}.");
            return;
        }

        if (mediaType is null)
        {
            await WriteErrorAsync(
                context,
                GraphQLMediaTypes.Json,
                StatusCodes.Status406NotAcceptable,
                "NOT_ACCEPTABLE",
                $"The Accept header allows neither {GraphQLMediaTypes.GraphQLResponseJson} nor {GraphQLMediaTypes.Json}.");
            return;
        }

        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        GraphQLHttpRequest? graphQLRequest;
        GraphQLHttpRequestError? error;
        if (isGet)
        {
            (graphQLRequest, error) = GraphQLHttpRequestReader.FromQueryString(request.Query, serializer);
        }
        else if (GraphQLMultipartRequestReader.IsMultipart(request.ContentType) && AcceptsUploads(context))
        {
            (graphQLRequest, error) = GraphQLMultipartRequestReader.CheckPreflight(request.Headers) is { } preflightError
                ? (null, preflightError)
                : await GraphQLMultipartRequestReader.ReadAsync(request, _options, serializer, context.RequestAborted);
        }
        else if (!GraphQLMediaTypes.IsJsonRequest(request.ContentType, out var unsupportedCharset))
        {
            (graphQLRequest, error) = (null, new GraphQLHttpRequestError(
                StatusCodes.Status415UnsupportedMediaType,
                "UNSUPPORTED_MEDIA_TYPE",
                unsupportedCharset
                    ? "The request body must be encoded in UTF-8."
                    : $"POST requests must have Content-Type {GraphQLMediaTypes.Json}."));
        }
        else
        {
            (graphQLRequest, error) = await GraphQLHttpRequestReader.FromJsonBodyAsync(
                request, _options.MaxRequestBytes, serializer, context.RequestAborted);
        }

        if (graphQLRequest is null)
        {
            error ??= new GraphQLHttpRequestError(StatusCodes.Status400BadRequest, GraphQLHttpRequestReader.InvalidRequestCode, "The request is not a GraphQL request.");
            await WriteErrorAsync(context, mediaType, error.StatusCode, error.Code, error.Message);
            return;
        }

        var result = await ExecuteAsync(context, graphQLRequest, isGet);
        var statusCode = StatusCodeFor(result, mediaType);
        if (statusCode == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = AllowedMethods;
        }

        await WriteAsync(context, serializer, result, mediaType, statusCode);
    }

    /// <summary>Multipart requests (file uploads) are for schemas with the <c>Upload</c> scalar; others answer 415 as before.</summary>
    private bool AcceptsUploads(HttpContext context)
    {
        if (_acceptsUploads is null)
        {
            var schema = context.RequestServices.GetRequiredService<TSchema>();
            schema.Initialize();
            _acceptsUploads = schema.AllTypes.Any(t => t is UploadGraphType);
        }

        return _acceptsUploads.Value;
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLHttpRequest request, bool isGet) =>
        ExecuteAsync(
            context,
            _options,
            _logger,
            new GraphQLRequest { Query = request.Query, DocumentId = request.DocumentId, OperationName = request.OperationName, Variables = request.Variables, Extensions = request.Extensions },
            isGet ? _getRules : _postRules,
            isGet ? _getCachedDocumentRules : _postCachedDocumentRules,
            context.RequestAborted);

    /// <summary>
    /// Runs one request with the context's services and user: shared with the WebSocket transport, so both
    /// apply the same rules, limits, trusted documents, execution timeout, execution hook and error translation.
    /// </summary>
    internal static async Task<ExecutionResult> ExecuteAsync(
        HttpContext context,
        GraphQLHttpOptions options,
        ILogger logger,
        GraphQLRequest request,
        IValidationRule[] rules,
        IValidationRule[] cachedDocumentRules,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (context.RequestServices.GetService<TrustedDocumentStore>() is { } trusted)
        {
            (query, var refused) = trusted.Resolve(request);
            if (refused is not null)
            {
                return new ExecutionResult { Errors = [refused] };
            }
        }

        // Linked to the caller's token; a subscription's stream outlives this call, so it keeps the token
        // (and its source) and only the time to start it is limited.
        var timeout = options.ExecutionTimeout > TimeSpan.Zero ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        var subscription = new SubscriptionDetector(timeout);
        var execution = new ExecutionOptions
        {
            Query = query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = timeout?.Token ?? cancellationToken,
            EnableMetrics = options.EnableMetrics,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = c => HandleUnhandledException(options, logger, c),
            ValidationRules = rules,
            CachedDocumentValidationRules = cachedDocumentRules,
        };
        execution.Listeners.Add(subscription);

        try
        {
            if (options.ConfigureExecution is { } configure)
            {
                await configure(context, execution);
            }

            timeout?.CancelAfter(options.ExecutionTimeout);
            var executer = context.RequestServices.GetRequiredService<IDocumentExecuter<TSchema>>();
            var result = await executer.ExecuteAsync(execution);
            return timeout is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested ? TimedOut(options) : result;
        }
        catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(options);
        }
        finally
        {
            if (!subscription.IsSubscription)
            {
                timeout?.Dispose();
            }
        }
    }

    private static ExecutionResult TimedOut(GraphQLHttpOptions options) => new()
    {
        Executed = true,
        Errors = [new ExecutionError($"The operation did not finish within {options.ExecutionTimeout.TotalSeconds:0.###} seconds and was cancelled.") { Code = TimeoutCode }],
    };

    /// <summary>Translated exceptions reach the client, others only the log.</summary>
    private static Task HandleUnhandledException(GraphQLHttpOptions options, ILogger logger, UnhandledExceptionContext context)
    {
        if (context.OriginalException is GraphQLMaxDepthExceededException)
        {
            // The parser's own guard against a stack overflow, before any depth limit of ours can look.
            context.Exception = new ExecutionError("The document is nested too deeply to be read.") { Code = QueryTooDeepCode };
            return Task.CompletedTask;
        }

        if (options.TranslateException?.Invoke(context.OriginalException) is { } translated)
        {
            context.Exception = translated;
            return Task.CompletedTask;
        }

        LogUnhandledException(logger, context.OriginalException, context.FieldContext?.Path is { } path ? string.Join('.', path) : "(document)");

        // The message of an unexpected exception may name tables, hosts or secrets: it stays in the log.
        context.ErrorMessage = InternalErrorMessage;
        context.Exception = new ExecutionError(InternalErrorMessage) { Code = InternalErrorCode };
        return Task.CompletedTask;
    }

    private static int StatusCodeFor(ExecutionResult result, string mediaType)
    {
        if (result.Errors?.Any(e => e is HttpMethodValidationError) == true)
        {
            return StatusCodes.Status405MethodNotAllowed;
        }

        if (result.Errors?.Any(e => e.Code == RateLimitedError.Code) == true && !result.Executed)
        {
            return StatusCodes.Status429TooManyRequests;
        }

        // application/json: 200 for every well-formed request, whatever the errors. The newer
        // media type tells a result (the data entry is present, even if null) from a request that
        // was refused before execution: parse, validation and variable errors, or our own failure.
        if (mediaType == GraphQLMediaTypes.Json || result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        return result.Errors?.Any(e => e.Code == InternalErrorCode) == true
            ? StatusCodes.Status500InternalServerError
            : StatusCodes.Status400BadRequest;
    }

    private static async Task WriteErrorAsync(HttpContext context, string mediaType, int statusCode, string code, string message)
    {
        var serializer = context.RequestServices.GetService<IGraphQLTextSerializer>();
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        if (serializer is null)
        {
            // Without the serializer (a wiring mistake) there is still an honest answer.
            context.Response.StatusCode = statusCode;
            await context.Response.WriteAsJsonAsync(
                new { errors = new[] { new { message, extensions = new { code } } } },
                options: null,
                ContentType(mediaType),
                context.RequestAborted);
            return;
        }

        await WriteAsync(context, serializer, result, mediaType, statusCode);
    }

    private static async Task WriteAsync(
        HttpContext context, IGraphQLSerializer serializer, ExecutionResult result, string mediaType, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ContentType(mediaType);
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private static string ContentType(string mediaType) => mediaType + "; charset=utf-8";

    /// <summary>Notices a subscription before it runs, so its stream is not cut off by the execution timeout.</summary>
    private sealed class SubscriptionDetector(CancellationTokenSource? timeout) : DocumentExecutionListenerBase
    {
        public bool IsSubscription { get; private set; }

        public override Task BeforeExecutionAsync(IExecutionContext context)
        {
            if (context.Operation.Operation == GraphQLParser.AST.OperationType.Subscription)
            {
                IsSubscription = true;
                timeout?.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            return Task.CompletedTask;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception while executing GraphQL at {Path}; reported to the client as an internal error")]
    private static partial void LogUnhandledException(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "GraphQL transport failed before a result could be written")]
    private static partial void LogTransportFailure(ILogger logger, Exception exception);
}
