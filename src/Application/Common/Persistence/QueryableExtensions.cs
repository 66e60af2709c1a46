namespace CleanAssistant.Application.Common.Persistence;

/// <summary>
/// Asynchronous execution of queries without a reference to the ORM: the database's query
/// provider is also an <see cref="IAsyncEnumerable{T}"/>, which the base library can consume.
/// </summary>
public static class QueryableExtensions
{
    public static ValueTask<List<T>> ToListAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken) =>
        AsAsync(query).ToListAsync(cancellationToken);

    public static ValueTask<T?> FirstOrDefaultAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken) =>
        AsAsync(query.Take(1)).FirstOrDefaultAsync(cancellationToken);

    public static async ValueTask<bool> AnyAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken) =>
        await AsAsync(query.Take(1)).AnyAsync(cancellationToken);

    private static IAsyncEnumerable<T> AsAsync<T>(IQueryable<T> query) =>
        query as IAsyncEnumerable<T> ?? query.ToAsyncEnumerable();
}
