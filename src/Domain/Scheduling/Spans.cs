using NodaTime;

namespace CleanAssistant.Domain.Scheduling;

/// <summary>A half-open stretch of time [Start, End); lighter than <see cref="Interval"/>, which allows open ends.</summary>
internal readonly record struct Span(Instant Start, Instant End)
{
    public Duration Length => End - Start;

    public Interval ToInterval() => new(Start, End);
}

/// <summary>Set operations on sorted, disjoint span arrays; every operation is one linear pass or a binary search.</summary>
internal static class Spans
{
    public static Span[] Merge(List<Span> spans)
    {
        if (spans.Count == 0)
        {
            return [];
        }

        if (!IsSortedByStart(spans))
        {
            spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        }

        var merged = new List<Span>(spans.Count);
        var current = spans[0];
        for (var i = 1; i < spans.Count; i++)
        {
            var next = spans[i];
            // Touching spans merge too: a zero-length gap is no free time.
            if (next.Start <= current.End)
            {
                if (next.End > current.End)
                {
                    current = current with { End = next.End };
                }
            }
            else
            {
                merged.Add(current);
                current = next;
            }
        }

        merged.Add(current);
        return [.. merged];
    }

    public static Span[] Subtract(Span[] from, Span[] remove)
    {
        var result = new List<Span>(from.Length);
        var j = 0;
        foreach (var span in from)
        {
            var start = span.Start;
            while (j < remove.Length && remove[j].End <= start)
            {
                j++;
            }

            for (var k = j; k < remove.Length && remove[k].Start < span.End; k++)
            {
                if (remove[k].Start > start)
                {
                    result.Add(new Span(start, remove[k].Start));
                }

                if (remove[k].End > start)
                {
                    start = remove[k].End;
                }
            }

            if (start < span.End)
            {
                result.Add(new Span(start, span.End));
            }
        }

        return [.. result];
    }

    public static Span[] Intersect(Span[] a, Span[] b)
    {
        var result = new List<Span>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var start = Max(a[i].Start, b[j].Start);
            var end = Min(a[i].End, b[j].End);
            if (start < end)
            {
                result.Add(new Span(start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return [.. result];
    }

    /// <summary>Index of the first span ending after <paramref name="instant"/>; ends are sorted because spans are disjoint.</summary>
    public static int FirstEndingAfter(Span[] spans, Instant instant)
    {
        int low = 0, high = spans.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (spans[middle].End > instant)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    public static bool Overlaps(Span[] spans, Instant start, Instant end)
    {
        var i = FirstEndingAfter(spans, start);
        return i < spans.Length && spans[i].Start < end;
    }

    /// <summary>The span holding all of [start, end), if any.</summary>
    public static Span? Containing(Span[] spans, Instant start, Instant end)
    {
        var i = FirstEndingAfter(spans, start);
        return i < spans.Length && spans[i].Start <= start && spans[i].End >= end ? spans[i] : null;
    }

    public static Instant Max(Instant a, Instant b) => a > b ? a : b;

    public static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static bool IsSortedByStart(List<Span> spans)
    {
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i].Start < spans[i - 1].Start)
            {
                return false;
            }
        }

        return true;
    }
}
