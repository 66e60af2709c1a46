namespace CleanAssistant.WebApi.Operability;

internal static partial class StartupLog
{
    /// <summary>Tells the newcomer where to go once the server is up.</summary>
    public static void Listening(ILogger logger, IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            LogListening(logger, address);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CleanAssistant is ready. GraphQL API: {Address:l}/graphql (POST); IDE: open {Address:l}/graphql in a browser; health: {Address:l}/health/ready")]
    private static partial void LogListening(ILogger logger, string address);
}
