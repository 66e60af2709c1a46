using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CleanAssistant.Cli.Commands;

/// <summary>Writing the answers of the <c>--jsonl</c> batch commands: one JSON object a line, the input's id first.</summary>
internal static class JsonLines
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same escaping for answers built as <see cref="System.Text.Json.Nodes.JsonNode"/>s.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The answer for a line that could not be used: <c>{"id", "error"}</c>.</summary>
    public static string Error(JsonElement? id, string message) => Json(writer =>
    {
        WriteId(writer, id);
        writer.WriteString("error", message);
    });

    public static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The input's id as it was (any JSON value), or null when the line had none.</summary>
    public static void WriteId(Utf8JsonWriter writer, JsonElement? id)
    {
        writer.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
