using GraphQL.Validation;
using GraphQLParser.AST;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Bounds the breadth of a document, which depth and complexity do not see well: the number of fields
/// written in it (fragments counted once) and the number of aliases, each of which can repeat an expensive
/// field under a new name. Counts the whole document, so a long list of operations is refused too.
/// </summary>
internal sealed class DocumentLimitsValidationRule(int maxFields, int maxAliases) : ValidationRuleBase
{
    public const string TooManyFieldsCode = "TOO_MANY_FIELDS";
    public const string TooManyAliasesCode = "TOO_MANY_ALIASES";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new Counter(maxFields, maxAliases));

    /// <summary>One per validated document: the counts are the document's.</summary>
    private sealed class Counter(int maxFields, int maxAliases) : INodeVisitor
    {
        private int _fields;
        private int _aliases;

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is not GraphQLField field)
            {
                return default;
            }

            // Reported once, at the first field over the limit.
            if (maxFields > 0 && ++_fields == maxFields + 1)
            {
                context.ReportError(new LimitError(context, field, TooManyFieldsCode, $"The document has more than {maxFields} fields; split it into smaller operations."));
            }

            if (maxAliases > 0 && field.Alias is not null && ++_aliases == maxAliases + 1)
            {
                context.ReportError(new LimitError(context, field, TooManyAliasesCode, $"The document has more than {maxAliases} aliased fields; split it into smaller operations."));
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
    }

    private sealed class LimitError : ValidationError
    {
        public LimitError(ValidationContext context, ASTNode node, string code, string message)
            : base(context.Document.Source, number: null, message, node)
        {
            Code = code;
        }
    }
}
