using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Trusted (persisted) documents (configuration section <c>GraphQL:TrustedDocuments</c>): GraphQL documents known
/// ahead of time, by the SHA-256 of their text. A first-party client may send the hash instead of the text.
/// </summary>
public sealed class TrustedDocumentsOptions
{
    public const string SectionName = "GraphQL:TrustedDocuments";

    /// <summary>Refuse every document that is not trusted (sent by id or as the exact text of a trusted one).</summary>
    public bool OnlyTrustedDocuments { get; set; }

    /// <summary>A JSON file holding an object of SHA-256 hex → document, e.g. a persisted-documents manifest of a client build.</summary>
    public string? File { get; set; }

    /// <summary>More documents by SHA-256 hex, straight from configuration.</summary>
    public Dictionary<string, string> Documents { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Resolves a request's document id (<c>documentId</c>, as "sha256:&lt;hex&gt;" or bare hex, or Apollo's
/// <c>extensions.persistedQuery.sha256Hash</c>) to the trusted text, and refuses untrusted documents when only
/// trusted ones are allowed. Each configured id is checked against the hash of its text at startup.
/// </summary>
internal sealed class TrustedDocumentStore
{
    public const string NotFoundCode = "PERSISTED_DOCUMENT_NOT_FOUND";
    public const string RequiredCode = "TRUSTED_DOCUMENT_REQUIRED";
    public const string InvalidCode = "PERSISTED_DOCUMENT_INVALID";
    private const string Prefix = "sha256:";

    private readonly FrozenDictionary<string, string> _documents;
    private readonly bool _onlyTrusted;

    public TrustedDocumentStore(IOptions<TrustedDocumentsOptions> options)
    {
        var settings = options.Value;
        var documents = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(settings.File))
        {
            var fromFile = JsonSerializer.Deserialize<Dictionary<string, string>>(System.IO.File.ReadAllText(settings.File))
                ?? throw new InvalidOperationException($"{TrustedDocumentsOptions.SectionName}:File {settings.File} holds no documents.");
            Add(documents, fromFile);
        }

        Add(documents, settings.Documents);
        _documents = documents.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _onlyTrusted = settings.OnlyTrustedDocuments;
    }

    public static string Hash(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>The document to run, or the error the client gets instead.</summary>
    public (string? Query, ExecutionError? Error) Resolve(GraphQLRequest request)
    {
        var id = DocumentId(request, out var invalid);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        if (id is not null)
        {
            if (!_documents.TryGetValue(id, out var trusted))
            {
                return (null, new ExecutionError($"No trusted document has the id '{Shorten(id)}'; send the document's text in 'query'.") { Code = NotFoundCode });
            }

            return string.IsNullOrEmpty(request.Query) || string.Equals(request.Query, trusted, StringComparison.Ordinal)
                ? (trusted, null)
                : (null, new ExecutionError("The request has both a document id and a different query; send one of them.") { Code = InvalidCode });
        }

        if (_onlyTrusted && request.Query is { } query && !_documents.ContainsKey(Hash(query)))
        {
            return (null, new ExecutionError("This server runs only trusted documents; send the id of one ('documentId': 'sha256:<hex>').") { Code = RequiredCode });
        }

        return (request.Query, null);
    }

    private static string? DocumentId(GraphQLRequest request, out ExecutionError? invalid)
    {
        invalid = null;
        string? id = request.DocumentId;
        if (id is null && request.Extensions?.TryGetValue("persistedQuery", out var persisted) == true)
        {
            id = persisted is IDictionary<string, object?> map && map.TryGetValue("sha256Hash", out var hash) ? hash as string : null;
            if (id is null)
            {
                invalid = new ExecutionError("'extensions.persistedQuery' must be an object with a string 'sha256Hash'.") { Code = InvalidCode };
                return null;
            }
        }

        if (id is null)
        {
            return null;
        }

        if (id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            id = id[Prefix.Length..];
        }

        if (id.Length != 64 || !id.All(char.IsAsciiHexDigit))
        {
            invalid = new ExecutionError("A document id is 'sha256:' followed by the 64 hex digits of the document's SHA-256.") { Code = InvalidCode };
            return null;
        }

        return id;
    }

    private static void Add(Dictionary<string, string> documents, IReadOnlyDictionary<string, string> more)
    {
        foreach (var (id, text) in more)
        {
            var bare = id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? id[Prefix.Length..] : id;
            if (!string.Equals(bare, Hash(text), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{TrustedDocumentsOptions.SectionName}: the id {Shorten(id)} is not the SHA-256 of its document.");
            }

            documents[bare] = text;
        }
    }

    private static string Shorten(string id) => id.Length <= 80 ? id : id[..80] + "…";
}
