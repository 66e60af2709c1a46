using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using GraphQL;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>The parameters of a well-formed GraphQL-over-HTTP request.</summary>
/// <remarks>Either <paramref name="Query"/> or a document id (<paramref name="DocumentId"/> or <c>extensions.persistedQuery</c>) is set.</remarks>
internal sealed record GraphQLHttpRequest(string? Query, string? DocumentId, string? OperationName, Inputs? Variables, Inputs? Extensions);

/// <summary>Why a request is not a well-formed GraphQL-over-HTTP request, as the client will be told.</summary>
internal sealed record GraphQLHttpRequestError(int StatusCode, string Code, string Message);

/// <summary>
/// Reads the request parameters from a GET query string or a JSON POST body, checking the
/// shape the spec requires: a string query, a string or null operationName, and maps or nulls
/// for variables and extensions.
/// </summary>
internal static class GraphQLHttpRequestReader
{
    public const string InvalidJsonCode = "INVALID_JSON";
    public const string InvalidRequestCode = "INVALID_REQUEST";
    public const string QueryMissingCode = "QUERY_MISSING";
    public const string RequestTooLargeCode = "REQUEST_TOO_LARGE";
    public const string BatchingNotSupportedCode = "BATCHING_NOT_SUPPORTED";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static (GraphQLHttpRequest? Request, GraphQLHttpRequestError? Error) FromQueryString(
        IQueryCollection query, IGraphQLSerializer serializer)
    {
        if (!TrySingle(query, "query", out var text) || !TrySingle(query, "operationName", out var operationName)
            || !TrySingle(query, "variables", out var variablesJson) || !TrySingle(query, "extensions", out var extensionsJson)
            || !TrySingle(query, "documentId", out var documentId))
        {
            return (null, BadRequest(InvalidRequestCode, "Each request parameter may be given at most once."));
        }

        if (!TryReadMap(variablesJson, "variables", serializer, out var variables, out var error)
            || !TryReadMap(extensionsJson, "extensions", serializer, out var extensions, out error))
        {
            return (null, error);
        }

        return Complete(text, documentId, operationName, variables, extensions);
    }

    public static async Task<(GraphQLHttpRequest? Request, GraphQLHttpRequestError? Error)> FromJsonBodyAsync(
        HttpRequest request, long maxBytes, IGraphQLSerializer serializer, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // Sized by the declared length, but never trusting it for more than 64 KiB up front.
        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 256, 64 * 1024));
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(body.GetMemory(4096), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                body.Advance(read);
                if (body.WrittenCount > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own body limit is lower than ours.
            return (null, TooLarge(maxBytes));
        }

        var bytes = body.WrittenMemory;
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.IsEmpty)
        {
            return (null, BadRequest(InvalidJsonCode, "The request body is empty; send a JSON object with a query."));
        }

        // Checked up front: the JSON reader finds invalid UTF-8 inside a string only when the string is read.
        if (!Utf8.IsValid(bytes.Span))
        {
            return (null, BadRequest(InvalidJsonCode, "The request body is not valid UTF-8."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException)
        {
            return (null, BadRequest(InvalidJsonCode, "The request body is not valid JSON."));
        }

        using (document)
        {
            return Read(document.RootElement, serializer);
        }
    }

    public static (GraphQLHttpRequest? Request, GraphQLHttpRequestError? Error) Read(JsonElement root, IGraphQLSerializer serializer)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return (null, BadRequest(BatchingNotSupportedCode, "Batched requests (a JSON array) are not supported; send one operation per request."));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, BadRequest(InvalidRequestCode, "The request body must be a JSON object."));
        }

        string? query = null;
        string? documentId = null;
        string? operationName = null;
        Inputs? variables = null;
        Inputs? extensions = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "query":
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        query = value.GetString();
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        return (null, BadRequest(InvalidRequestCode, "The 'query' parameter must be a string."));
                    }

                    break;
                case "operationName":
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        operationName = value.GetString();
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        return (null, BadRequest(InvalidRequestCode, "The 'operationName' parameter must be a string or null."));
                    }

                    break;
                case "documentId":
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        documentId = value.GetString();
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        return (null, BadRequest(InvalidRequestCode, "The 'documentId' parameter must be a string or null."));
                    }

                    break;
                case "variables":
                    if (!TryReadMap(value, "variables", serializer, out variables, out var variablesError))
                    {
                        return (null, variablesError);
                    }

                    break;
                case "extensions":
                    if (!TryReadMap(value, "extensions", serializer, out extensions, out var extensionsError))
                    {
                        return (null, extensionsError);
                    }

                    break;
                default:
                    // Other names are reserved by the spec for future use; ignoring them keeps
                    // clients that send extra fields working.
                    break;
            }
        }

        return Complete(query, documentId, operationName, variables, extensions);
    }

    /// <summary>Whether a request names its document: by text, by documentId, or by Apollo's persistedQuery extension.</summary>
    public static bool HasDocument(string? query, string? documentId, Inputs? extensions) =>
        !string.IsNullOrEmpty(query) || !string.IsNullOrEmpty(documentId) || extensions?.ContainsKey("persistedQuery") == true;

    private static (GraphQLHttpRequest? Request, GraphQLHttpRequestError? Error) Complete(
        string? query, string? documentId, string? operationName, Inputs? variables, Inputs? extensions)
    {
        if (!HasDocument(query, documentId, extensions))
        {
            return (null, MissingQuery());
        }

        // The spec: an empty operationName is the same as none.
        return (new GraphQLHttpRequest(
            string.IsNullOrEmpty(query) ? null : query,
            string.IsNullOrEmpty(documentId) ? null : documentId,
            string.IsNullOrEmpty(operationName) ? null : operationName,
            variables,
            extensions), null);
    }

    private static bool TryReadMap(
        string? json, string name, IGraphQLSerializer serializer, out Inputs? map, out GraphQLHttpRequestError? error)
    {
        map = null;
        error = null;
        if (string.IsNullOrEmpty(json))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return TryReadMap(document.RootElement, name, serializer, out map, out error);
        }
        catch (JsonException)
        {
            error = BadRequest(InvalidJsonCode, $"The '{name}' parameter is not valid JSON.");
            return false;
        }
    }

    private static bool TryReadMap(
        JsonElement value, string name, IGraphQLSerializer serializer, out Inputs? map, out GraphQLHttpRequestError? error)
    {
        map = null;
        error = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Object:
                try
                {
                    map = serializer.ReadNode<Inputs>(value);
                    return true;
                }
                // ArgumentException: a key given twice ({"a": 1, "a": 2}).
                catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
                {
                    error = BadRequest(InvalidRequestCode, $"The '{name}' parameter could not be read.");
                    return false;
                }

            default:
                error = BadRequest(InvalidRequestCode, $"The '{name}' parameter must be a JSON object or null.");
                return false;
        }
    }

    private static bool TrySingle(IQueryCollection query, string name, out string? value)
    {
        var values = query[name];
        value = values.Count == 1 ? values[0] : null;
        return values.Count <= 1;
    }

    private static GraphQLHttpRequestError MissingQuery() =>
        BadRequest(QueryMissingCode, "The request has no 'query' parameter; send the GraphQL document as a string in 'query'.");

    private static GraphQLHttpRequestError TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, RequestTooLargeCode, $"The request body is larger than the limit of {maxBytes} bytes.");

    private static GraphQLHttpRequestError BadRequest(string code, string message) =>
        new(StatusCodes.Status400BadRequest, code, message);
}
