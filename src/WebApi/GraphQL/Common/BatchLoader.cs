using System.Collections.Concurrent;
using GraphQL.DataLoader;

namespace CleanAssistant.WebApi.GraphQL.Common;

/// <summary>
/// Collects the keys that sibling fields ask for and fetches them in one call when the execution
/// strategy first needs a value (graphql-dotnet defers <see cref="IDataLoaderResult"/> values until
/// the current level of the tree is resolved). One instance per request.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private HashSet<TKey> _queued = [];
    private TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>? _queuedSource;

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (_queuedSource is null)
            {
                _queuedSource = new TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _queued.Add(key);
            return new Pending(this, key, _queuedSource);
        }
    }

    private async Task<TValue?> ResolveAsync(TKey key, TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>> batch, CancellationToken cancellationToken)
    {
        HashSet<TKey>? keys = null;
        lock (_gate)
        {
            if (ReferenceEquals(batch, _queuedSource))
            {
                // The first value asked for starts the batch; keys loaded after this go to the next one.
                keys = _queued;
                _queued = [];
                _queuedSource = null;
            }
        }

        if (keys is not null)
        {
            try
            {
                batch.SetResult(await fetch(keys, cancellationToken));
            }
            catch (Exception exception)
            {
                batch.SetException(exception);
            }
        }

        var values = await batch.Task;
        return values.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, TKey key, TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>> batch)
        : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResolveAsync(key, batch, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>The batch loaders of one request, by name (a scoped service).</summary>
public sealed class BatchLoaders
{
    private readonly ConcurrentDictionary<string, object> _loaders = new(StringComparer.Ordinal);

    public BatchLoader<TKey, TValue> GetOrAdd<TKey, TValue>(string name, Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull =>
        (BatchLoader<TKey, TValue>)_loaders.GetOrAdd(name, _ => new BatchLoader<TKey, TValue>(fetch));
}
