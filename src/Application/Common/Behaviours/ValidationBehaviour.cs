using FluentValidation;
using Mediator;
using ValidationException = CleanAssistant.Application.Common.Exceptions.ValidationException;
using ValidationFailure = CleanAssistant.Application.Common.Exceptions.ValidationFailure;

namespace CleanAssistant.Application.Common.Behaviours;

/// <summary>Runs every FluentValidation validator of the message; broken rules become one typed <see cref="ValidationException"/>.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            foreach (var error in result.Errors)
            {
                (failures ??= []).Add(new ValidationFailure(ToFieldName(error.PropertyName), error.ErrorMessage));
            }
        }

        return failures is null ? await next(message, cancellationToken) : throw new ValidationException(failures);
    }

    /// <summary>"Time.EndDate" becomes "time.endDate": the names clients use.</summary>
    private static string? ToFieldName(string? propertyName) =>
        string.IsNullOrEmpty(propertyName)
            ? null
            : string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
