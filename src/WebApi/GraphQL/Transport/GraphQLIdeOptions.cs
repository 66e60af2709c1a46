namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>Where and how <c>UseGraphQLIde</c> serves the Banana Cake Pop IDE.</summary>
public sealed class GraphQLIdeOptions
{
    /// <summary>The page a browser opens; the same path as the GraphQL endpoint by default.</summary>
    public PathString Path { get; set; } = "/graphql";

    /// <summary>The GraphQL endpoint the IDE talks to; defaults to <see cref="Path"/>.</summary>
    public PathString? Endpoint { get; set; }

    /// <summary>Where the IDE's scripts, styles and fonts are served from.</summary>
    public PathString AssetsPath { get; set; } = "/graphql/ide";

    /// <summary>Name of the connection shown in the IDE.</summary>
    public string Title { get; set; } = "GraphQL";

    /// <summary>Folder holding the IDE's files; defaults to wwwroot/ide beside the application (see Ide.targets).</summary>
    public string? FilesRoot { get; set; }

    /// <summary>Whether the IDE sends cookies with its GraphQL requests.</summary>
    public bool IncludeCookies { get; set; }
}
