using System.Globalization;
using System.Text;
using CleanAssistant.Application.Common.Exceptions;

namespace CleanAssistant.Application.Common.Paging;

/// <summary>One page of an ordered list, with what a Relay connection needs to ask for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Offset, bool HasNextPage)
{
    public bool HasPreviousPage => Offset > 0;

    public string CursorAt(int index) => Cursor.Encode(Offset + index);
}

/// <summary>Opaque cursors: a position in the ordered result, encoded so clients do not build them.</summary>
public static class Cursor
{
    private const string Prefix = "cursor:";

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static string Encode(int position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The position just after <paramref name="cursor"/>; 0 when there is none.</summary>
    public static int OffsetAfter(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                && position < int.MaxValue)
            {
                return position + 1;
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationException([new ValidationFailure("after", "The cursor is not valid; use a cursor returned by this API.")]);
    }
}

public static class PageExtensions
{
    /// <summary>Turns rows fetched with one extra row (to learn whether a next page exists) into a page.</summary>
    public static Page<T> ToPage<T>(this List<T> rowsPlusOne, int offset, int pageSize)
    {
        var hasNext = rowsPlusOne.Count > pageSize;
        if (hasNext)
        {
            rowsPlusOne.RemoveAt(rowsPlusOne.Count - 1);
        }

        return new Page<T>(rowsPlusOne, offset, hasNext);
    }
}
