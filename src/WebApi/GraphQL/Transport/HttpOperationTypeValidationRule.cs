using GraphQL.Validation;
using GraphQLParser.AST;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Refuses, before execution, operations the HTTP method cannot carry: anything but a query over
/// GET (the spec's 405, so GET stays safe), and subscriptions over any plain HTTP request.
/// Running as a validation rule means the document is parsed once and the right operation is
/// judged even when the document holds several.
/// </summary>
internal sealed class HttpOperationTypeValidationRule : ValidationRuleBase
{
    public static readonly HttpOperationTypeValidationRule ForGet = new(isGet: true);

    public static readonly HttpOperationTypeValidationRule ForPost = new(isGet: false);

    private readonly bool _isGet;

    private HttpOperationTypeValidationRule(bool isGet) => _isGet = isGet;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation.Operation == OperationType.Subscription)
        {
            context.ReportError(new SubscriptionOverHttpError(context, operation));
        }
        else if (_isGet && operation.Operation != OperationType.Query)
        {
            context.ReportError(new HttpMethodValidationError(context, operation));
        }

        return default;
    }
}

/// <summary>A mutation sent with GET; the transport answers it with 405.</summary>
internal sealed class HttpMethodValidationError : ValidationError
{
    public const string ErrorCode = "HTTP_METHOD_NOT_ALLOWED";

    public HttpMethodValidationError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(
            context.Document.Source,
            number: null,
            $"Only query operations can be sent with GET; send {operation.Operation.ToString().ToLowerInvariant()} operations with POST.",
            operation)
    {
        Code = ErrorCode;
    }
}

/// <summary>A subscription sent as a plain HTTP request, which cannot stream its events.</summary>
internal sealed class SubscriptionOverHttpError : ValidationError
{
    public const string ErrorCode = "SUBSCRIPTION_NOT_SUPPORTED";

    public SubscriptionOverHttpError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(
            context.Document.Source,
            number: null,
            "Subscriptions cannot be executed over plain HTTP requests.",
            operation)
    {
        Code = ErrorCode;
    }
}
