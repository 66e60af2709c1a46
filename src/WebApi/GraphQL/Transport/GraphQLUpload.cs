using GraphQL.Types;
using GraphQLParser.AST;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>A file sent with a GraphQL multipart request, held in memory (the transport caps its size).</summary>
public sealed record UploadedFile(string FileName, string ContentType, ReadOnlyMemory<byte> Content)
{
    public long Length => Content.Length;
}

/// <summary>
/// The <c>Upload</c> scalar of the GraphQL multipart request spec: its value is a file part of the request, mapped
/// to a variable by the <c>map</c> field. It cannot be written in the query text nor returned.
/// </summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file sent as a part of a multipart/form-data request (GraphQL multipart request spec); only as a variable.";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        UploadedFile file => file,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) =>
        value is GraphQLNullValue ? null : ThrowLiteralConversionError(value, "Send files as variables in a multipart request.");

    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLNullValue;

    public override object? Serialize(object? value) => value is UploadedFile file ? file.FileName : null;
}
