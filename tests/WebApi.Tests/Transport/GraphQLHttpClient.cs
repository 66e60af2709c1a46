using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CleanAssistant.WebApi.Tests.Transport;

/// <summary>Raw HTTP calls to the endpoint, so tests control every header and byte.</summary>
public static class GraphQLHttpClient
{
    public const string Json = "application/json";
    public const string GraphQLResponse = "application/graphql-response+json";

    public static Task<GraphQLHttpResponse> PostAsync(
        this HttpClient client, string body, string? accept = Json, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return client.SendAsync(HttpMethod.Post, "/graphql", content, accept);
    }

    public static Task<GraphQLHttpResponse> PostQueryAsync(
        this HttpClient client, string query, object? variables = null, string? operationName = null, string? accept = Json) =>
        client.PostAsync(JsonSerializer.Serialize(new { query, variables, operationName }), accept);

    public static Task<GraphQLHttpResponse> GetAsync(
        this HttpClient client, string query, string? variables = null, string? operationName = null, string? accept = Json)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query)
            + (variables is null ? string.Empty : "&variables=" + Uri.EscapeDataString(variables))
            + (operationName is null ? string.Empty : "&operationName=" + Uri.EscapeDataString(operationName));
        return client.SendAsync(HttpMethod.Get, url, content: null, accept);
    }

    public static async Task<GraphQLHttpResponse> SendAsync(
        this HttpClient client, HttpMethod method, string url, HttpContent? content, string? accept)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLHttpResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            response.Content.Headers.Allow.Count == 0 ? null : string.Join(", ", response.Content.Headers.Allow),
            text);
    }
}

/// <summary>Status, headers and body of one response; <see cref="Json"/> parses the body.</summary>
public sealed record GraphQLHttpResponse(int Status, string? ContentType, string? Allow, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool HasData => Json.TryGetProperty("data", out _);

    public JsonElement Data => Json.GetProperty("data");

    public JsonElement FirstError => Json.GetProperty("errors")[0];

    public string? FirstErrorCode =>
        FirstError.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code)
            ? code.GetString()
            : null;

    public override string ToString() => $"{Status} {ContentType} {Body}";
}
