using GraphQL;
using GraphQL.Validation;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Settings of the GraphQL endpoint mapped by <c>MapGraphQLHttp</c>, over HTTP and WebSocket; the host binds
/// the limits to the configuration section <c>GraphQL:Limits</c>.
/// </summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>1 MiB: far above any hand-written operation, far below a memory problem.</summary>
    public const long DefaultMaxRequestBytes = 1024 * 1024;

    /// <summary>Largest accepted POST body; a larger one gets 413 with a GraphQL error body.</summary>
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>Largest file of a multipart request (GraphQL multipart request spec); a larger one gets 413. 25 MB: a few minutes of recorded speech (each use case has its own, lower limit where it needs one).</summary>
    public long MaxUploadBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Most files in one multipart request; more get 413.</summary>
    public int MaxUploadFiles { get; set; } = 10;

    /// <summary>Most fields (selections, wherever they are) one document may hold; more are refused with TOO_MANY_FIELDS. 0: no limit.</summary>
    public int MaxFields { get; set; } = 500;

    /// <summary>Most aliased fields one document may hold; more are refused with TOO_MANY_ALIASES. 0: no limit.</summary>
    public int MaxAliases { get; set; } = 50;

    /// <summary>
    /// How long one query or mutation may run before it is cancelled and answered with a TIMEOUT error;
    /// for a subscription, how long it may take to start. <see cref="TimeSpan.Zero"/>: no limit.
    /// </summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Validation rules run after the spec's core rules, on every request and on documents taken
    /// from a document cache (depth and complexity limits belong here).
    /// </summary>
    public IList<IValidationRule> ValidationRules { get; } = [];

    /// <summary>Collects resolver timings into the result's extensions; off outside diagnostics.</summary>
    public bool EnableMetrics { get; set; }

    /// <summary>
    /// Runs for every request after the transport has filled in the execution options and before
    /// execution, e.g. to set <see cref="ExecutionOptions.UserContext"/> or complexity settings.
    /// </summary>
    public Func<HttpContext, ExecutionOptions, Task>? ConfigureExecution { get; set; }

    /// <summary>
    /// Turns an exception thrown by a resolver into the GraphQL error the client sees (e.g. a
    /// NotFoundException into an error with code NOT_FOUND). Returning <see langword="null"/>
    /// leaves the exception unexpected: it is logged and reported as "Internal server error"
    /// with code INTERNAL, so its message never reaches the client.
    /// </summary>
    public Func<Exception, ExecutionError?>? TranslateException { get; set; }

    internal bool IsValid() =>
        MaxRequestBytes >= 1024 && MaxUploadBytes > 0 && MaxUploadFiles > 0 && MaxFields >= 0 && MaxAliases >= 0
        && ExecutionTimeout >= TimeSpan.Zero;

    /// <summary>The configured rules plus the document limits, for every transport.</summary>
    internal IValidationRule[] ExtraValidationRules() =>
        MaxFields > 0 || MaxAliases > 0
            ? [.. ValidationRules, new DocumentLimitsValidationRule(MaxFields, MaxAliases)]
            : [.. ValidationRules];
}
