using Microsoft.Extensions.FileProviders;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>Wiring of the GraphQL IDE.</summary>
public static partial class GraphQLIdeExtensions
{
    /// <summary>
    /// Serves the Banana Cake Pop IDE at the GraphQL endpoint's path to browsers (see
    /// <see cref="GraphQLIdeOptions"/>). Place it before the endpoints run; requests that are not
    /// a browser's pass through to <c>MapGraphQLHttp</c>. If the IDE's files were not built
    /// (Ide.targets), logs a warning and serves nothing.
    /// </summary>
    public static IApplicationBuilder UseGraphQLIde(this IApplicationBuilder app, Action<GraphQLIdeOptions>? configure = null)
    {
        var options = new GraphQLIdeOptions();
        configure?.Invoke(options);

        var root = options.FilesRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot", "ide");
        var index = Path.Combine(root, "index.html");
        if (!File.Exists(index))
        {
            var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<GraphQLIdeMiddleware>();
            LogIdeMissing(logger, root);
            return app;
        }

        app.UseMiddleware<GraphQLIdeMiddleware>(options, File.ReadAllText(index));
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = options.AssetsPath,
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";

                // Files under static/ carry a content hash in their names.
                headers.CacheControl = file.Context.Request.Path.StartsWithSegments(options.AssetsPath + "/static")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "GraphQL IDE files not found in {Root}; the IDE is not served (build WebApi with npm available, see ClientApp/Ide.targets)")]
    private static partial void LogIdeMissing(ILogger logger, string root);
}
