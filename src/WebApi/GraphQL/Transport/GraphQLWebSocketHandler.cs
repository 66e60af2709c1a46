using System.Net.WebSockets;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>
/// Accepts WebSocket requests on the GraphQL endpoint and serves each with the graphql-transport-ws protocol
/// (the protocol of the npm <c>graphql-ws</c> library). A client that does not offer that subprotocol is
/// closed with 4406.
/// </summary>
internal sealed class GraphQLWebSocketHandler<TSchema>(
    IOptions<GraphQLWebSocketOptions> options,
    IOptions<GraphQLHttpOptions> httpOptions,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<GraphQLWebSocketHandler<TSchema>> logger)
    where TSchema : ISchema
{
    public async Task HandleAsync(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketCloseCodes.SubProtocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(offered ? GraphQLWebSocketCloseCodes.SubProtocol : null);
        if (!offered)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync(GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                socket.Abort();
            }

            return;
        }

        using var connection = new GraphQLWebSocketConnection<TSchema>(
            context,
            socket,
            options.Value,
            httpOptions.Value,
            context.RequestServices.GetRequiredService<IGraphQLTextSerializer>(),
            time,
            logger);
        await connection.RunAsync(lifetime.ApplicationStopping);
    }
}
