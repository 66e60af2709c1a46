using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Domain.Common;
using GraphQL;
using Mediator;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>
/// Resolvers send exactly one mediator message, each in its own DI scope: graphql-dotnet resolves
/// query fields in parallel, and a DbContext must not be shared between threads.
/// </summary>
public static class MediatorResolvers
{
    public static async Task<TResponse> QueryAsync<TResponse>(this IResolveFieldContext context, Func<IQuery<TResponse>> query)
    {
        try
        {
            await using var scope = context.RequestServices!.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query(), context.CancellationToken);
        }
        catch (Exception exception) when (exception is AppException or DomainException)
        {
            throw ToExecutionError(exception);
        }
    }

    /// <summary>
    /// Runs a command for a mutation. Errors the client should branch on come back inside the payload;
    /// "not signed in" and "not allowed" stay GraphQL errors, as they are about the request, not the input.
    /// </summary>
    public static async Task<TPayload> MutateAsync<TResponse, TPayload>(
        this IResolveFieldContext context,
        Func<ICommand<TResponse>> command,
        Func<TResponse, TPayload> succeeded,
        Func<IReadOnlyList<UserError>, TPayload> failed)
    {
        try
        {
            await using var scope = context.RequestServices!.CreateAsyncScope();
            var response = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command(), context.CancellationToken);
            return succeeded(response);
        }
        catch (AppException exception) when (exception is UnauthenticatedException or ForbiddenException)
        {
            throw ToExecutionError(exception);
        }
        catch (ValidationException exception)
        {
            return failed([.. exception.Failures.Select(f => new UserError(exception.Code, f.Message, ToInputField(f.Field)))]);
        }
        catch (AppException exception)
        {
            return failed([new UserError(exception.Code, exception.Message)]);
        }
        catch (DomainException exception)
        {
            return failed([new UserError(exception.Code, exception.Message)]);
        }
    }

    /// <summary>The GraphQL inputs carry an event's time fields flat, where the commands group them under "time".</summary>
    private static string? ToInputField(string? field) =>
        field is not null && field.StartsWith("time.", StringComparison.Ordinal) ? field["time.".Length..] : field;

    public static ExecutionError ToExecutionError(Exception exception)
    {
        var (code, message) = exception switch
        {
            AppException app => (app.Code, app.Message),
            DomainException domain => (domain.Code, domain.Message),
            _ => ("INTERNAL", "Internal server error."),
        };
        var error = new ExecutionError(message) { Code = code };
        if (exception is ValidationException validation)
        {
            error.Extensions ??= new Dictionary<string, object?>();
            error.Extensions["fields"] = validation.Failures.Select(f => new Dictionary<string, object?> { ["field"] = f.Field, ["message"] = f.Message }).ToList();
        }

        return error;
    }
}
