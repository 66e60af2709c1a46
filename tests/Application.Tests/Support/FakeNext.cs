using Mediator;

namespace CleanAssistant.Application.Tests.Support;

/// <summary>Stands for the rest of the mediator pipeline and records what reached it.</summary>
internal sealed class FakeNext<TMessage, TResponse>(Func<TMessage, ValueTask<TResponse>> handle)
    where TMessage : notnull, IMessage
{
    public List<TMessage> Calls { get; } = [];

    public List<CancellationToken> Tokens { get; } = [];

    public MessageHandlerDelegate<TMessage, TResponse> Handler => (message, cancellationToken) =>
    {
        Calls.Add(message);
        Tokens.Add(cancellationToken);
        return handle(message);
    };
}
