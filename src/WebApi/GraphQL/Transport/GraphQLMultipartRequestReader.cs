using System.Text;
using System.Text.Json;
using GraphQL;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Reads a GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec): an <c>operations</c>
/// part with the usual JSON request, a <c>map</c> part naming for each file part the variable paths it fills, then
/// the files. Only with a non-simple header (<c>GraphQL-Preflight</c> or Apollo's ones), so a cross-site form post
/// cannot run a mutation with the victim's cookies: a browser sends such a header only after a CORS preflight.
/// </summary>
internal static class GraphQLMultipartRequestReader
{
    public const string MultipartFormData = "multipart/form-data";
    public const string PreflightRequiredCode = "PREFLIGHT_REQUIRED";
    public const string InvalidMultipartCode = "INVALID_MULTIPART";
    public const string InvalidMapCode = "INVALID_MAP";
    public const string FileTooLargeCode = "FILE_TOO_LARGE";
    public const string TooManyFilesCode = "TOO_MANY_FILES";

    /// <summary>Headers that a cross-site form cannot send without a CORS preflight; any one of them is enough.</summary>
    public static readonly string[] PreflightHeaders = ["GraphQL-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"];

    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals(MultipartFormData, StringComparison.OrdinalIgnoreCase);

    public static GraphQLHttpRequestError? CheckPreflight(IHeaderDictionary headers) =>
        PreflightHeaders.Any(h => !string.IsNullOrWhiteSpace(headers[h]))
            ? null
            : BadRequest(PreflightRequiredCode, "Multipart requests must carry the header 'GraphQL-Preflight: 1' (or 'Apollo-Require-Preflight'), which protects against cross-site request forgery.");

    public static async Task<(GraphQLHttpRequest? Request, GraphQLHttpRequestError? Error)> ReadAsync(
        HttpRequest request, GraphQLHttpOptions options, IGraphQLSerializer serializer, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, BadRequest(InvalidMultipartCode, "The multipart request has no boundary."));
        }

        var limit = options.MaxRequestBytes * 2 + (options.MaxUploadBytes * options.MaxUploadFiles);
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(FileTooLargeCode, $"The request is larger than {limit} bytes: at most {options.MaxUploadFiles} files of {options.MaxUploadBytes} bytes each."));
        }

        string? operations = null;
        string? map = null;
        var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                {
                    return (null, BadRequest(InvalidMultipartCode, "Every part needs a Content-Disposition: form-data header with a name."));
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (operations is null || map is null)
                {
                    var expected = operations is null ? "operations" : "map";
                    if (name != expected)
                    {
                        return (null, BadRequest(InvalidMultipartCode, $"The {(operations is null ? "first" : "second")} part must be '{expected}', not '{name}'."));
                    }

                    var bytes = await ReadAsync(section.Body, options.MaxRequestBytes, cancellationToken);
                    if (bytes is null)
                    {
                        return (null, TooLarge(GraphQLHttpRequestReader.RequestTooLargeCode, $"The '{expected}' part is larger than {options.MaxRequestBytes} bytes."));
                    }

                    _ = operations is null ? operations = Encoding.UTF8.GetString(bytes) : map = Encoding.UTF8.GetString(bytes);
                    continue;
                }

                if (files.Count >= options.MaxUploadFiles)
                {
                    return (null, TooLarge(TooManyFilesCode, $"A request may carry at most {options.MaxUploadFiles} files."));
                }

                var content = await ReadAsync(section.Body, options.MaxUploadBytes, cancellationToken);
                if (content is null)
                {
                    return (null, TooLarge(FileTooLargeCode, $"The file '{name}' is larger than the limit of {options.MaxUploadBytes / (1024 * 1024)} MB."));
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? name;
                files[name] = new UploadedFile(fileName, section.ContentType ?? "application/octet-stream", content);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(FileTooLargeCode, "The request is larger than the server accepts."));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
        {
            return (null, BadRequest(InvalidMultipartCode, "The multipart body is malformed."));
        }

        if (operations is null || map is null)
        {
            return (null, BadRequest(InvalidMultipartCode, "A multipart request needs an 'operations' part and a 'map' part before its files."));
        }

        return Build(operations, map, files, serializer);
    }

    private static (GraphQLHttpRequest? Request, GraphQLHttpRequestError? Error) Build(
        string operations, string mapText, Dictionary<string, UploadedFile> files, IGraphQLSerializer serializer)
    {
        Dictionary<string, string[]>? map;
        try
        {
            map = JsonSerializer.Deserialize<Dictionary<string, string[]>>(mapText);
        }
        catch (JsonException)
        {
            map = null;
        }

        if (map is null)
        {
            return (null, BadRequest(InvalidMapCode, "The 'map' part must be a JSON object of file part names to arrays of paths, e.g. {\"0\": [\"variables.file\"]}."));
        }

        GraphQLHttpRequest? request;
        GraphQLHttpRequestError? error;
        try
        {
            using var document = JsonDocument.Parse(operations);
            (request, error) = GraphQLHttpRequestReader.Read(document.RootElement, serializer);
        }
        catch (JsonException)
        {
            return (null, BadRequest(GraphQLHttpRequestReader.InvalidJsonCode, "The 'operations' part is not valid JSON."));
        }

        if (request is null)
        {
            return (null, error);
        }

        var variables = new Dictionary<string, object?>(request.Variables ?? Inputs.Empty, StringComparer.Ordinal);
        foreach (var (part, paths) in map)
        {
            if (!files.TryGetValue(part, out var file))
            {
                return (null, BadRequest(InvalidMapCode, $"The map names the file part '{part}', which the request does not have."));
            }

            foreach (var path in paths ?? [])
            {
                if (!TrySet(variables, path, file))
                {
                    return (null, BadRequest(InvalidMapCode, $"The map path '{path}' does not name a variable of the operation (use 'variables.<name>')."));
                }
            }
        }

        return (request with { Variables = new Inputs(variables) }, null);
    }

    private static bool TrySet(Dictionary<string, object?> variables, string? path, UploadedFile file)
    {
        var segments = path?.Split('.') ?? [];
        if (segments.Length < 2 || segments[0] != "variables")
        {
            return false;
        }

        object? current = variables;
        for (var i = 1; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            switch (current)
            {
                case IDictionary<string, object?> dictionary when last:
                    dictionary[segments[i]] = file;
                    return true;
                case IDictionary<string, object?> dictionary when dictionary.TryGetValue(segments[i], out var next):
                    current = next;
                    break;
                case IList<object?> list when int.TryParse(segments[i], out var index) && index >= 0 && index < list.Count:
                    if (last)
                    {
                        list[index] = file;
                        return true;
                    }

                    current = list[index];
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The whole stream, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static GraphQLHttpRequestError BadRequest(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    private static GraphQLHttpRequestError TooLarge(string code, string message) => new(StatusCodes.Status413PayloadTooLarge, code, message);
}
