using CleanAssistant.Application.Common.Paging;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>Relay connection types for a page of DTOs projected into a GraphQL node type.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where this page sits in the whole list (Relay cursor connections).";
        Field(p => p.HasNextPage).Description("True when there are more items after this page: pass `endCursor` as `after`.");
        Field(p => p.HasPreviousPage).Description("True when this page does not start at the beginning.");
        Field(p => p.StartCursor, nullable: true).Description("Cursor of the first item of this page.");
        Field(p => p.EndCursor, nullable: true).Description("Cursor of the last item of this page.");
    }
}

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

public sealed record Edge<T>(string Cursor, T Node);

public sealed record ConnectionResult<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo)
{
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
}

public static class ConnectionResult
{
    public static ConnectionResult<T> From<T>(Page<T> page)
    {
        var edges = page.Items.Select((item, index) => new Edge<T>(page.CursorAt(index), item)).ToList();
        return new ConnectionResult<T>(
            edges,
            new PageInfo(page.HasNextPage, page.HasPreviousPage, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
    }
}

public class ConnectionType<TNode, TNodeType> : ObjectGraphType<ConnectionResult<TNode>>
    where TNodeType : IGraphType
{
    public ConnectionType(string nodeName)
    {
        Name = nodeName + "Connection";
        Description = $"A page of {nodeName} items with cursors (Relay cursor connection).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNode, TNodeType>>>>>("edges")
            .Description("The items of this page, each with its cursor.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The items of this page, without cursors.")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging information.").Resolve(c => c.Source.PageInfo);
    }
}

public sealed class EdgeType<TNode, TNodeType> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = typeof(TNodeType).Name.Replace("GraphType", string.Empty, StringComparison.Ordinal).Replace("Type", string.Empty, StringComparison.Ordinal) + "Edge";
        Description = "An item and its cursor.";
        Field(e => e.Cursor).Description("Opaque position of this item; pass it as `after` to continue after it.");
        Field<NonNullGraphType<TNodeType>>("node").Description("The item.").Resolve(c => c.Source.Node);
    }
}
