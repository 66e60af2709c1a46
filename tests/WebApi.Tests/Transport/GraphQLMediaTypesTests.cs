using CleanAssistant.WebApi.GraphQL.Transport;
using Microsoft.Extensions.Primitives;

namespace CleanAssistant.WebApi.Tests.Transport;

public sealed class GraphQLMediaTypesTests
{
    [Theory]
    [InlineData("application/graphql-response+json", GraphQLMediaTypes.GraphQLResponseJson)]
    [InlineData("application/json", GraphQLMediaTypes.Json)]
    [InlineData("APPLICATION/JSON", GraphQLMediaTypes.Json)]
    [InlineData("*/*", GraphQLMediaTypes.Json)]
    [InlineData("application/*", GraphQLMediaTypes.Json)]
    [InlineData("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", GraphQLMediaTypes.Json)]
    [InlineData("application/json;q=0.9, application/graphql-response+json", GraphQLMediaTypes.GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0.9, application/json", GraphQLMediaTypes.Json)]
    [InlineData("application/graphql-response+json, */*", GraphQLMediaTypes.GraphQLResponseJson)]
    [InlineData("*/*, application/graphql-response+json", GraphQLMediaTypes.GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0, application/*", GraphQLMediaTypes.Json)]
    [InlineData("garbage, application/graphql-response+json", GraphQLMediaTypes.GraphQLResponseJson)]
    [InlineData("application/json; charset=latin1, application/graphql-response+json;q=0.1", GraphQLMediaTypes.GraphQLResponseJson)]
    public void Negotiate_PicksTheBestSupportedType(string accept, string expected) =>
        GraphQLMediaTypes.Negotiate(accept).ShouldBe(expected);

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/*")]
    [InlineData("application/json;q=0")]
    [InlineData("*/*;q=0")]
    public void Negotiate_WithNothingSupported_ReturnsNull(string accept) =>
        GraphQLMediaTypes.Negotiate(accept).ShouldBeNull();

    [Fact]
    public void Negotiate_WithoutHeader_ReturnsJson() =>
        GraphQLMediaTypes.Negotiate(StringValues.Empty).ShouldBe(GraphQLMediaTypes.Json);

    [Fact]
    public void Negotiate_ReadsEveryHeaderLine() =>
        GraphQLMediaTypes.Negotiate(new StringValues(["text/html", "application/graphql-response+json"]))
            .ShouldBe(GraphQLMediaTypes.GraphQLResponseJson);

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true)]
    [InlineData("application/json", false)]
    [InlineData("*/*", false)]
    [InlineData("text/html;q=0", false)]
    public void AcceptsHtml_IsTrueOnlyForExplicitHtml(string accept, bool expected) =>
        GraphQLMediaTypes.AcceptsHtml(accept).ShouldBe(expected);
}
