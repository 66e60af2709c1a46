using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CleanAssistant.WebApi.RateLimiting;

/// <summary>
/// Charges a GraphQL operation to the budgets of the expensive fields it selects at its root (each selection counts,
/// aliases included), and over WebSocket also to the general budget, since a connection carries many operations.
/// Runs as the last validation rule, on documents that passed the others, so a refused operation never executes:
/// it gets a RATE_LIMITED error with <c>retryAfter</c> (HTTP 429 over HTTP, an <c>error</c> message over WebSocket).
/// </summary>
internal sealed class RateLimitValidationRule : ValidationRuleBase
{
    public static readonly RateLimitValidationRule Instance = new();

    private static readonly Dictionary<(OperationType, string), RateLimitBudget> ExpensiveFields = new()
    {
        [(OperationType.Query, "transcribe")] = RateLimitBudget.Voice,
        [(OperationType.Mutation, "submitVoiceCommand")] = RateLimitBudget.Voice,
        [(OperationType.Query, "interpret")] = RateLimitBudget.Assistant,
        [(OperationType.Mutation, "sendMessage")] = RateLimitBudget.Assistant,
        [(OperationType.Query, "suggestMeetingTimes")] = RateLimitBudget.Suggestions,
        [(OperationType.Query, "freeSlots")] = RateLimitBudget.Suggestions,
        [(OperationType.Query, "conflictResolutions")] = RateLimitBudget.Suggestions,
    };

    public override async ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.HasErrors
            || context.RequestServices?.GetService<RateLimiter>() is not { Enabled: true } limiter
            || context.RequestServices.GetService<IHttpContextAccessor>()?.HttpContext is not { } http)
        {
            return null;
        }

        var overWebSocket = http.WebSockets.IsWebSocketRequest;
        var caller = RateLimitCaller.From(context.User, RateLimitCaller.IpOf(http));
        var uses = new Dictionary<RateLimitBudget, int>();
        if (overWebSocket)
        {
            uses[RateLimitBudget.General] = 1;
        }

        CountRootFields(context, context.Operation.Operation, context.Operation.SelectionSet, uses, depth: 0);
        RateLimitDecision? decision = null;
        foreach (var (budget, amount) in uses)
        {
            decision = RateLimitDecision.Combine(decision, await limiter.CheckAsync(caller, budget, amount, context.CancellationToken));
        }

        // A connection's operations share one HttpContext and no headers: only a request's own decision is recorded.
        if (!overWebSocket)
        {
            decision = RateLimitHeaders.Record(http, decision);
        }

        if (decision is { Allowed: false })
        {
            context.ReportError(new RateLimitedValidationError(context, decision));
        }

        return null;
    }

    private static void CountRootFields(ValidationContext context, OperationType type, GraphQLSelectionSet selections, Dictionary<RateLimitBudget, int> uses, int depth)
    {
        if (depth > 10)
        {
            return;
        }

        foreach (var selection in selections.Selections)
        {
            if (!context.ShouldIncludeNode(selection))
            {
                continue;
            }

            switch (selection)
            {
                case GraphQLField field when ExpensiveFields.TryGetValue((type, field.Name.StringValue), out var budget):
                    uses[budget] = uses.GetValueOrDefault(budget) + 1;
                    break;
                case GraphQLInlineFragment inline:
                    CountRootFields(context, type, inline.SelectionSet, uses, depth + 1);
                    break;
                case GraphQLFragmentSpread spread when context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                    .FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name) is { } fragment:
                    CountRootFields(context, type, fragment.SelectionSet, uses, depth + 1);
                    break;
            }
        }
    }
}

/// <summary>An operation over budget: code RATE_LIMITED, <c>retryAfter</c> seconds in its extensions.</summary>
internal sealed class RateLimitedValidationError : ValidationError
{
    public RateLimitedValidationError(ValidationContext context, RateLimitDecision decision)
        : base(context.Document.Source, number: null, RateLimitedError.Message(decision), context.Operation)
    {
        Code = RateLimitedError.Code;
        this.AddExtension(RateLimitedError.RetryAfterExtension, decision.RetryAfterSeconds);
    }
}
