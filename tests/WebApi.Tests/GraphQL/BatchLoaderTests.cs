using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.GraphQL;

public sealed class BatchLoaderTests
{
    [Fact]
    public async Task KeysLoadedTogether_AreFetchedInOneCall_AndMissingKeysGiveNull()
    {
        var calls = new List<IReadOnlyCollection<int>>();
        var loader = new BatchLoader<int, string>((keys, _) =>
        {
            calls.Add(keys);
            return Task.FromResult<IReadOnlyDictionary<int, string>>(keys.Where(k => k != 3).ToDictionary(k => k, k => $"v{k}"));
        });

        var pending = new[] { loader.Load(1), loader.Load(2), loader.Load(2), loader.Load(3) };
        var values = await Task.WhenAll(pending.Select(p => p.GetResultAsync()));

        values.ShouldBe(["v1", "v2", "v2", null]);
        calls.ShouldHaveSingleItem().ShouldBe([1, 2, 3], ignoreOrder: true);

        (await loader.Load(4).GetResultAsync()).ShouldBe("v4");
        calls.Count.ShouldBe(2, "keys loaded after a batch ran go to the next batch");
    }

    [Fact]
    public async Task AFailedFetch_FailsEveryValueOfThatBatch()
    {
        var loader = new BatchLoader<int, string>((_, _) => throw new InvalidOperationException("database down"));
        var first = loader.Load(1);
        var second = loader.Load(2);

        await Should.ThrowAsync<InvalidOperationException>(() => first.GetResultAsync());
        await Should.ThrowAsync<InvalidOperationException>(() => second.GetResultAsync());
    }

    [Fact]
    public async Task EventsWithTheirCalendar_ResolveThroughTheLoader()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient(await api.SignUpAsync("ann@example.com"));
        var work = await client.GraphQLAsync("mutation { createCalendar(input: { name: \"Work\" }) { calendar { id } } }");
        var workId = work["data"]!["createCalendar"]!["calendar"]!["id"]!.GetValue<string>();
        for (var hour = 8; hour < 12; hour++)
        {
            await client.GraphQLAsync(
                "mutation($start: DateTime!, $calendarId: ID) { createEvent(input: { title: \"E\", start: $start, calendarId: $calendarId }) { errors { code } } }",
                new { start = $"2026-12-01T{hour:00}:00:00Z", calendarId = hour % 2 == 0 ? workId : null });
        }

        var listed = await client.GraphQLAsync("{ events(from: \"2026-12-01T00:00:00Z\", to: \"2026-12-02T00:00:00Z\") { nodes { calendar { name } } } }");

        listed.ErrorCode().ShouldBeNull();
        listed["data"]!["events"]!["nodes"]!.AsArray().Select(n => n!["calendar"]!["name"]!.GetValue<string>())
            .ShouldBe(["Work", "Personal", "Work", "Personal"]);
    }
}
