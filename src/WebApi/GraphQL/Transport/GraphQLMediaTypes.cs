using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>The media types of the GraphQL over HTTP spec and the choice among them by the Accept header.</summary>
public static class GraphQLMediaTypes
{
    /// <summary>The spec's preferred response type; its status codes tell request errors from results.</summary>
    public const string GraphQLResponseJson = "application/graphql-response+json";

    /// <summary>The legacy response type, and the only request body type we accept.</summary>
    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type for an Accept header: the supported type with the highest
    /// q-value, the most specific matching range deciding each type's q-value (RFC 9110 12.5.1)
    /// and, on a tie, the type the client listed first. No header, or a wildcard only, means
    /// <c>application/json</c>, which every client can read (the graphql-http audit expects it).
    /// Returns <see langword="null"/> when nothing in the header is supported (406).
    /// </summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return Json;
        }

        var ranges = ParseRanges(accept);
        if (ranges.Count == 0)
        {
            // A header without a single well-formed range is treated as absent rather than
            // refused: it says nothing we could honour either way.
            return Json;
        }

        var response = Rate(ranges, GraphQLResponseJson);
        var json = Rate(ranges, Json);

        if (response.Quality <= 0 && json.Quality <= 0)
        {
            return null;
        }

        return Compare(response, json) > 0 ? GraphQLResponseJson : Json;
    }

    /// <summary>True when the header asks for HTML in a way a browser navigation does.</summary>
    public static bool AcceptsHtml(StringValues accept)
    {
        foreach (var range in ParseRanges(accept))
        {
            if (range.Quality > 0
                && range.Type.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for <c>application/json</c> with no charset or a UTF-8 one; the spec requires UTF-8
    /// and JSON (RFC 8259) allows nothing else between systems.
    /// </summary>
    public static bool IsJsonRequest(string? contentType, out bool unsupportedCharset)
    {
        unsupportedCharset = false;
        if (string.IsNullOrWhiteSpace(contentType)
            || !MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
        if (charset.HasValue && !IsUtf8(charset.Value))
        {
            unsupportedCharset = true;
            return false;
        }

        return true;
    }

    private static int Compare(Rating left, Rating right)
    {
        if (left.Quality != right.Quality)
        {
            return left.Quality.CompareTo(right.Quality);
        }

        if (left.Specificity != right.Specificity)
        {
            return left.Specificity.CompareTo(right.Specificity);
        }

        // Earlier in the header wins; the same wildcard matching both prefers plain JSON.
        return right.Index.CompareTo(left.Index);
    }

    private static Rating Rate(List<AcceptRange> ranges, string mediaType)
    {
        var best = new Rating(0, 0, int.MaxValue);
        var bestSpecificity = -1;
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            var specificity = Specificity(range, mediaType);
            if (specificity > bestSpecificity)
            {
                bestSpecificity = specificity;
                best = new Rating(range.Quality, specificity, i);
            }
        }

        return bestSpecificity < 0 ? new Rating(0, 0, int.MaxValue) : best;
    }

    private static int Specificity(AcceptRange range, string mediaType)
    {
        if (range.Type == "*/*")
        {
            return 1;
        }

        if (range.Type.Equals("application/*", StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        if (!range.Type.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        // We only ever write UTF-8; a range that insists on another charset does not match.
        return range.Charset is null || IsUtf8(range.Charset) ? 3 : -1;
    }

    private static List<AcceptRange> ParseRanges(StringValues accept)
    {
        var ranges = new List<AcceptRange>();
        foreach (var header in accept)
        {
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            foreach (var segment in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Parse one range at a time so a single malformed entry does not void the rest.
                if (!MediaTypeHeaderValue.TryParse(segment, out var parsed) || !parsed.MediaType.HasValue)
                {
                    continue;
                }

                var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
                ranges.Add(new AcceptRange(
                    parsed.MediaType.Value!,
                    parsed.Quality ?? 1.0,
                    charset.HasValue ? charset.Value : null));
            }
        }

        return ranges;
    }

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private readonly record struct AcceptRange(string Type, double Quality, string? Charset);

    private readonly record struct Rating(double Quality, int Specificity, int Index);
}
