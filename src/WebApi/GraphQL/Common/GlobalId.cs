using System.Text;
using CleanAssistant.Application.Common.Exceptions;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>
/// Opaque node ids: base64 of "Type:guid". Clients must treat them as strings; the type prefix makes
/// an id of one kind useless as an id of another.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, Guid id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{id:N}"));

    public static Guid Decode(string typeName, string? globalId, string field)
    {
        if (!string.IsNullOrEmpty(globalId))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(globalId));
                var separator = text.IndexOf(':', StringComparison.Ordinal);
                if (separator > 0 && text.AsSpan(0, separator).SequenceEqual(typeName) && Guid.TryParse(text.AsSpan(separator + 1), out var id))
                {
                    return id;
                }
            }
            catch (FormatException)
            {
            }
        }

        throw new ValidationException([new ValidationFailure(field, $"'{globalId}' is not a {typeName} id.")]);
    }
}
