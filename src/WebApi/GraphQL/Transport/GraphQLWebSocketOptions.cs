namespace CleanAssistant.WebApi.GraphQL.Transport;

/// <summary>Settings of the graphql-transport-ws endpoint (configuration section <c>GraphQL:WebSocket</c>).</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string SectionName = "GraphQL:WebSocket";

    /// <summary>How long a client has to send connection_init before the socket is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server pings an idle-looking client; <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most operations (subscriptions and running queries) one connection may have open; more get an error message.</summary>
    public int MaxOperations { get; set; } = 20;

    /// <summary>
    /// Most messages waiting to be sent to one client. A client that falls this far behind is dropped, so it
    /// never holds memory or slows the publisher down.
    /// </summary>
    public int SendBufferMessages { get; set; } = 256;

    /// <summary>Largest message a client may send; a larger one closes the socket with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    internal bool IsValid() =>
        ConnectionInitTimeout > TimeSpan.Zero
        && KeepAliveInterval >= TimeSpan.Zero
        && MaxOperations > 0
        && SendBufferMessages > 0
        && MaxMessageBytes >= 1024;
}
