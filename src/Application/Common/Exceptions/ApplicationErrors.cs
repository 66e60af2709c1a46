namespace CleanAssistant.Application.Common.Exceptions;

/// <summary>A failure the caller can act on; <see cref="Code"/> becomes the error code at the edge.</summary>
public abstract class AppException(string code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public string Code { get; } = code;
}

/// <summary>A single broken input rule, with the input field it is about (camelCase path).</summary>
public sealed record ValidationFailure(string? Field, string Message);

public sealed class ValidationException(IReadOnlyList<ValidationFailure> failures)
    : AppException("VALIDATION", failures.Count == 1 ? failures[0].Message : "The input is not valid.")
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;
}

/// <summary>The thing does not exist, or it is not the caller's: both look the same to the caller.</summary>
public sealed class NotFoundException(string entity, object key)
    : AppException("NOT_FOUND", $"{entity} '{key}' was not found.");

public sealed class UnauthenticatedException()
    : AppException("UNAUTHENTICATED", "This operation needs a signed-in user: send a valid access token.");

public sealed class ForbiddenException(string message) : AppException("FORBIDDEN", message);

/// <summary>The request clashes with the current state: a duplicate, or a change made by someone else first.</summary>
public sealed class ConflictException(string code, string message, Exception? innerException = null)
    : AppException(code, message, innerException);
