using System.Net.Http.Headers;
using System.Text;
using CleanAssistant.WebApi.GraphQL.Transport;
using Microsoft.Extensions.Logging;
using static CleanAssistant.WebApi.Tests.Transport.GraphQLHttpClient;

namespace CleanAssistant.WebApi.Tests.Transport;

public sealed class GraphQLHttpEndpointTests(TransportTestHost host) : IClassFixture<TransportTestHost>
{
    private const string JsonUtf8 = "application/json; charset=utf-8";
    private const string GraphQLResponseUtf8 = "application/graphql-response+json; charset=utf-8";

    private readonly HttpClient _client = host.Client;

    // Media types and Accept

    [Fact]
    public async Task Post_WithJsonAccept_RespondsWithJsonAnd200()
    {
        var response = await _client.PostQueryAsync("{ hello }", accept: Json);

        response.Status.ShouldBe(200, response.ToString());
        response.ContentType.ShouldBe(JsonUtf8);
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
        response.Json.TryGetProperty("errors", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Post_WithGraphQLResponseAccept_RespondsWithThatMediaType()
    {
        var response = await _client.PostQueryAsync("{ hello }", accept: GraphQLResponse);

        response.Status.ShouldBe(200, response.ToString());
        response.ContentType.ShouldBe(GraphQLResponseUtf8);
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/*")]
    public async Task Post_WithoutSpecificAccept_RespondsWithJson(string? accept)
    {
        var response = await _client.PostQueryAsync("{ hello }", accept: accept);

        response.Status.ShouldBe(200, response.ToString());
        response.ContentType.ShouldBe(JsonUtf8);
    }

    [Theory]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponseUtf8)]
    [InlineData("application/json, application/graphql-response+json", JsonUtf8)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponseUtf8)]
    [InlineData("application/graphql-response+json;q=0.2, application/json;q=0.9", JsonUtf8)]
    [InlineData("text/html, application/graphql-response+json;q=0.9, */*;q=0.8", GraphQLResponseUtf8)]
    [InlineData("application/graphql-response+json; charset=utf-8, application/json; charset=utf-8", GraphQLResponseUtf8)]
    [InlineData("*/*;q=0.1, application/json", JsonUtf8)]
    [InlineData("application/graphql-response+json;q=0, */*", JsonUtf8)]
    public async Task Post_WithAcceptList_PicksHighestPriorityType(string accept, string expected)
    {
        var response = await _client.PostQueryAsync("{ hello }", accept: accept);

        response.Status.ShouldBe(200, response.ToString());
        response.ContentType.ShouldBe(expected);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml, text/html")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Post_WithNoSupportedAccept_Returns406WithGraphQLError(string accept)
    {
        var response = await _client.PostQueryAsync("{ hello }", accept: accept);

        response.Status.ShouldBe(406, response.ToString());
        response.ContentType.ShouldBe(JsonUtf8);
        response.FirstErrorCode.ShouldBe("NOT_ACCEPTABLE");
        response.HasData.ShouldBeFalse();
    }

    // Request content types and charsets

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=\"utf-8\"")]
    public async Task Post_WithJsonContentType_AcceptsUtf8(string contentType)
    {
        var response = await _client.PostAsync("""{"query":"{ hello(name: \"Zoë 🏃\") }"}""", contentType: contentType);

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, Zoë 🏃!");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Post_WithUnsupportedContentType_Returns415(string? contentType)
    {
        var response = await _client.PostAsync("""{"query":"{ hello }"}""", accept: GraphQLResponse, contentType: contentType);

        response.Status.ShouldBe(415, response.ToString());
        response.ContentType.ShouldBe(GraphQLResponseUtf8);
        response.FirstErrorCode.ShouldBe("UNSUPPORTED_MEDIA_TYPE");
    }

    // Malformed requests: 400 whatever the media type

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponse)]
    public async Task Post_WithInvalidJson_Returns400(string accept)
    {
        var response = await _client.PostAsync("""{ "not a JSON""", accept: accept);

        response.Status.ShouldBe(400, response.ToString());
        response.FirstErrorCode.ShouldBe("INVALID_JSON");
        response.HasData.ShouldBeFalse();
    }

    [Fact]
    public async Task Post_WithEmptyBody_Returns400()
    {
        var response = await _client.PostAsync(string.Empty);

        response.Status.ShouldBe(400, response.ToString());
        response.ContentType.ShouldBe(JsonUtf8);
        response.FirstErrorCode.ShouldBe("INVALID_JSON");
    }

    [Theory]
    [InlineData("""["{ hello }"]""", "BATCHING_NOT_SUPPORTED")]
    [InlineData("\"{ hello }\"", "INVALID_REQUEST")]
    [InlineData("""{"qeury":"{ hello }"}""", "QUERY_MISSING")]
    [InlineData("""{"query":null}""", "QUERY_MISSING")]
    [InlineData("""{"query":""}""", "QUERY_MISSING")]
    [InlineData("""{"query":{"obj":"ect"}}""", "INVALID_REQUEST")]
    [InlineData("""{"query":0}""", "INVALID_REQUEST")]
    [InlineData("""{"query":false}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ hello }","operationName":0}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ hello }","operationName":["Q"]}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ hello }","variables":"{}"}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ hello }","variables":[7]}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ hello }","extensions":false}""", "INVALID_REQUEST")]
    public async Task Post_WithMalformedParameters_Returns400(string body, string code)
    {
        var response = await _client.PostAsync(body);

        response.Status.ShouldBe(400, response.ToString());
        response.ContentType.ShouldBe(JsonUtf8);
        response.FirstErrorCode.ShouldBe(code);
        response.FirstError.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Post_WithNullOptionalParameters_TreatsThemAsAbsent()
    {
        var response = await _client.PostAsync("""{"query":"{ hello }","operationName":null,"variables":null,"extensions":null}""");

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
    }

    [Fact]
    public async Task Post_WithUnknownTopLevelProperty_IgnoresIt()
    {
        var response = await _client.PostAsync("""{"query":"{ hello }","someFutureParameter":"abc","extensions":{"some":"value"}}""");

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
    }

    [Fact]
    public async Task Post_WithUtf8ByteOrderMark_Accepts()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"query":"{ hello }"}""")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _client.SendAsync(HttpMethod.Post, "/graphql", content, Json);

        response.Status.ShouldBe(200, response.ToString());
    }

    // Request size

    [Fact]
    public async Task Post_OverMaxRequestBytes_Returns413WithGraphQLError()
    {
        var padding = new string(' ', (int)GraphQLHttpOptions.DefaultMaxRequestBytes);
        var response = await _client.PostAsync($$"""{"query":"{ hello }"{{padding}}}""", accept: GraphQLResponse);

        response.Status.ShouldBe(413, response.ToString());
        response.ContentType.ShouldBe(GraphQLResponseUtf8);
        response.FirstErrorCode.ShouldBe("REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task Post_OverMaxRequestBytesWithoutContentLength_Returns413()
    {
        var padding = new string(' ', (int)GraphQLHttpOptions.DefaultMaxRequestBytes);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"query":"{ hello }"{{padding}}}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        ((int)response.StatusCode).ShouldBe(413);
        (await response.Content.ReadAsStringAsync()).ShouldContain("REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task Post_JustUnderMaxRequestBytes_IsExecuted()
    {
        const string Prefix = """{"query":"{ hello }" """;
        var padding = new string(' ', (int)GraphQLHttpOptions.DefaultMaxRequestBytes - Prefix.Length - 1);
        var response = await _client.PostAsync(Prefix + padding + "}");

        response.Status.ShouldBe(200, response.ToString());
    }

    // GraphQL errors: status by media type

    [Theory]
    [InlineData(Json, 200)]
    [InlineData(GraphQLResponse, 400)]
    public async Task Post_WithSyntaxError_ReturnsErrorsWithoutData(string accept, int status)
    {
        var response = await _client.PostQueryAsync("{", accept: accept);

        response.Status.ShouldBe(status, response.ToString());
        response.HasData.ShouldBeFalse();
        response.FirstError.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(Json, 200)]
    [InlineData(GraphQLResponse, 400)]
    public async Task Post_WithValidationError_ReturnsErrorsWithoutData(string accept, int status)
    {
        var response = await _client.PostQueryAsync("{ noSuchField }", accept: accept);

        response.Status.ShouldBe(status, response.ToString());
        response.HasData.ShouldBeFalse();
        response.FirstError.GetProperty("message").GetString()!.ShouldContain("noSuchField");
    }

    [Theory]
    [InlineData(Json, 200)]
    [InlineData(GraphQLResponse, 400)]
    public async Task Post_WithVariableCoercionFailure_ReturnsErrorsWithoutData(string accept, int status)
    {
        var response = await _client.PostQueryAsync(
            "query ($a: Int!, $b: Int!) { __typename }", variables: new { a = "not a number", b = (int?)null }, accept: accept);

        response.Status.ShouldBe(status, response.ToString());
        response.HasData.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Json, 200)]
    [InlineData(GraphQLResponse, 400)]
    public async Task Post_WithUnknownOperationName_ReturnsErrorsWithoutData(string accept, int status)
    {
        var response = await _client.PostQueryAsync("query A { hello } query B { hello }", operationName: "C", accept: accept);

        response.Status.ShouldBe(status, response.ToString());
        response.HasData.ShouldBeFalse();
    }

    [Fact]
    public async Task Post_WithResolverException_HidesItsMessageAndReportsInternal()
    {
        var response = await _client.PostQueryAsync("{ hello boom }", accept: GraphQLResponse);

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
        response.FirstError.GetProperty("message").GetString().ShouldBe("Internal server error");
        response.FirstErrorCode.ShouldBe("INTERNAL");
        response.FirstError.GetProperty("path")[0].GetString().ShouldBe("boom");
        response.Body.ShouldNotContain(TransportTestSchema.SecretMessage);
        response.Body.ShouldNotContain(nameof(InvalidOperationException));
        response.Body.ShouldNotContain("INVALID_OPERATION");
        host.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Exception != null
            && e.Exception.Message == TransportTestSchema.SecretMessage);
    }

    [Fact]
    public async Task Post_WithNonNullFieldError_ReturnsNullDataWith200()
    {
        var response = await _client.PostQueryAsync("{ nonNullBoom }", accept: GraphQLResponse);

        response.Status.ShouldBe(200, response.ToString());
        response.HasData.ShouldBeTrue();
        response.Data.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        response.FirstErrorCode.ShouldBe("INTERNAL");
        response.Body.ShouldNotContain(TransportTestSchema.SecretMessage);
    }

    [Fact]
    public async Task Post_WithExecutionErrorFromResolver_ReportsItUnchanged()
    {
        var response = await _client.PostQueryAsync("{ denied }", accept: GraphQLResponse);

        response.Status.ShouldBe(200, response.ToString());
        response.FirstError.GetProperty("message").GetString().ShouldBe("Not allowed here.");
        response.FirstErrorCode.ShouldBe("FORBIDDEN");
    }

    [Fact]
    public async Task Post_WithTranslatedException_ReportsTheTranslatedError()
    {
        var response = await _client.PostQueryAsync("{ missing }");

        response.Status.ShouldBe(200, response.ToString());
        response.FirstError.GetProperty("message").GetString().ShouldBe("No such thing.");
        response.FirstErrorCode.ShouldBe("NOT_FOUND");
    }

    [Theory]
    [InlineData(Json, 200)]
    [InlineData(GraphQLResponse, 400)]
    public async Task Post_RejectedByConfiguredValidationRule_ReturnsItsErrorWithoutData(string accept, int status)
    {
        var response = await _client.PostQueryAsync($"query {TransportTestValidationRule.RejectedOperation} {{ hello }}", accept: accept);

        response.Status.ShouldBe(status, response.ToString());
        response.HasData.ShouldBeFalse();
        response.FirstErrorCode.ShouldBe("REJECTED_BY_RULE");
    }

    [Theory]
    [InlineData(Json, 200)]
    [InlineData(GraphQLResponse, 500)]
    public async Task Post_WithExceptionBeforeExecution_HidesItsMessageAndReportsInternal(string accept, int status)
    {
        var response = await _client.PostQueryAsync($"query {TransportTestValidationRule.ThrowingOperation} {{ hello }}", accept: accept);

        response.Status.ShouldBe(status, response.ToString());
        response.HasData.ShouldBeFalse();
        response.FirstErrorCode.ShouldBe("INTERNAL");
        response.FirstError.GetProperty("message").GetString().ShouldBe("Internal server error");
        response.Body.ShouldNotContain(TransportTestSchema.SecretMessage);
    }

    // Parameters

    [Fact]
    public async Task Post_WithVariables_PassesThemToResolvers()
    {
        var response = await _client.PostQueryAsync(
            "query Greet($name: String) { hello(name: $name) }", variables: new { name = "Ada" });

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, Ada!");
    }

    [Theory]
    [InlineData("A", "Hello, A!")]
    [InlineData("B", "Hello, B!")]
    public async Task Post_WithOperationName_ExecutesThatOperation(string operationName, string expected)
    {
        var response = await _client.PostQueryAsync(
            """query A { hello(name: "A") } query B { hello(name: "B") }""", operationName: operationName);

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe(expected);
    }

    [Fact]
    public async Task Post_WithMutation_ExecutesIt()
    {
        var response = await _client.PostQueryAsync(
            "mutation ($a: Int!, $b: Int!) { sum(a: $a, b: $b) }", variables: new { a = 2, b = 40 }, accept: GraphQLResponse);

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("sum").GetInt32().ShouldBe(42);
    }

    [Fact]
    public async Task Post_RunsConfigureExecutionHookWithRequestServices()
    {
        var response = await _client.PostQueryAsync("{ requestId sameRequestServices }");

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
        response.Data.GetProperty("sameRequestServices").GetBoolean().ShouldBeTrue();
    }

    // GET

    [Fact]
    public async Task Get_WithQuery_Returns200()
    {
        var response = await _client.GetAsync("{ hello }", accept: GraphQLResponse);

        response.Status.ShouldBe(200, response.ToString());
        response.ContentType.ShouldBe(GraphQLResponseUtf8);
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
    }

    [Fact]
    public async Task Get_WithJsonEncodedVariablesAndOperationName_UsesThem()
    {
        var response = await _client.GetAsync(
            "query A { hello } query B($name: String) { hello(name: $name) }", variables: """{"name":"Grace"}""", operationName: "B");

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, Grace!");
    }

    [Fact]
    public async Task Get_WithEmptyOperationName_TreatsItAsAbsent()
    {
        var response = await _client.GetAsync("{ hello }", operationName: string.Empty);

        response.Status.ShouldBe(200, response.ToString());
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponse)]
    public async Task Get_WithMutation_Returns405(string accept)
    {
        var response = await _client.GetAsync("mutation { sum(a: 1, b: 2) }", accept: accept);

        response.Status.ShouldBe(405, response.ToString());
        response.Allow.ShouldBe("GET, POST");
        response.HasData.ShouldBeFalse();
        response.FirstErrorCode.ShouldBe("HTTP_METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Get_WithMutationChosenByOperationName_Returns405()
    {
        var response = await _client.GetAsync("query Q { hello } mutation M { sum(a: 1, b: 2) }", operationName: "M");

        response.Status.ShouldBe(405, response.ToString());
    }

    [Fact]
    public async Task Get_WithQueryChosenFromDocumentWithMutation_Returns200()
    {
        var response = await _client.GetAsync("query Q { hello } mutation M { sum(a: 1, b: 2) }", operationName: "Q");

        response.Status.ShouldBe(200, response.ToString());
        response.Data.GetProperty("hello").GetString().ShouldBe("Hello, World!");
    }

    [Fact]
    public async Task Get_WithoutQuery_Returns400()
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/graphql", content: null, accept: Json);

        response.Status.ShouldBe(400, response.ToString());
        response.FirstErrorCode.ShouldBe("QUERY_MISSING");
    }

    [Theory]
    [InlineData("variables=%5B1%5D")]
    [InlineData("variables=not-json")]
    [InlineData("extensions=%22x%22")]
    [InlineData("query=%7B%20hello%20%7D&query=%7B%20hello%20%7D")]
    public async Task Get_WithMalformedParameters_Returns400(string extra)
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/graphql?query=%7B%20hello%20%7D&" + extra, content: null, accept: Json);

        response.Status.ShouldBe(400, response.ToString());
        response.HasData.ShouldBeFalse();
    }

    // Other methods

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethods_Return405WithAllowHeader(string method)
    {
        var content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json");
        var response = await _client.SendAsync(new HttpMethod(method), "/graphql", content, Json);

        response.Status.ShouldBe(405, response.ToString());
        response.Allow.ShouldBe("GET, POST");
        response.FirstErrorCode.ShouldBe("METHOD_NOT_ALLOWED");
    }
}
