using System.Diagnostics;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Domain.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Application.Common.Behaviours;

/// <summary>
/// Logs every message with its duration and outcome. Only the message type is logged, never its
/// content: commands carry passwords and personal data.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = ElapsedMs(started);
            LogHandled(logger, MessageName, elapsed);
            return response;
        }
        catch (Exception exception) when (exception is AppException or DomainException)
        {
            var code = exception is AppException app ? app.Code : ((DomainException)exception).Code;
            var elapsed = ElapsedMs(started);
            LogRejected(logger, MessageName, code, elapsed);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var elapsed = ElapsedMs(started);
            LogFailed(logger, exception, MessageName, elapsed);
            throw;
        }
    }

    private static double ElapsedMs(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {MessageType:l} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageType, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {MessageType:l} with {ErrorCode:l} in {ElapsedMs:0.0} ms")]
    private static partial void LogRejected(ILogger logger, string messageType, string errorCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed {MessageType:l} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageType, double elapsedMs);
}
