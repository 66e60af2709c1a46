using System.Collections.Concurrent;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Conversations.SendMessage;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.DeleteEvent;
using CleanAssistant.Application.Events.UpdateEvent;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Events;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.LiveEvents;

/// <summary>Committed changes are announced live to their owner only: in-process, and through Redis across instances.</summary>
public sealed class LiveEventTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 12, 1, 9, 0);

    private static CreateEventCommand Meeting(string title, bool booking = false) =>
        new(title, new EventTimeInput(Nine, Nine + Duration.FromHours(1)), RejectConflicts: booking);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CommittedChanges_AreAnnouncedToTheirOwnerOnly(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var bob = await host.RegisterAsync("bob@example.com");
        var live = host.Services.GetRequiredService<ILiveEvents>();
        using var annSees = new Recorder(live, ann.Id);
        using var bobSees = new Recorder(live, bob.Id);

        var created = await host.SendAsync(Meeting("Dentist"), ann);
        await host.SendAsync(new UpdateEventCommand(created.Id, Title: "Dentist (moved)"), ann);
        await host.SendAsync(new DeleteEventCommand(created.Id), ann);
        var reply = await host.SendAsync(new SendMessageCommand("what do I have tomorrow?"), ann);

        var calendar = await annSees.TakeAsync<CalendarChanged>(3);
        calendar.Select(c => (c.EventId, c.Kind)).ShouldBe([(created.Id, CalendarChangeKind.Created), (created.Id, CalendarChangeKind.Updated), (created.Id, CalendarChangeKind.Deleted)]);
        var turns = await annSees.TakeAsync<ConversationUpdated>(2);
        turns.Select(t => t.Speaker).ShouldBe([Speaker.User, Speaker.Assistant]);
        turns.ShouldAllBe(t => t.ConversationId == reply.ConversationId);
        turns[1].Text.ShouldBe(reply.Reply);
        bobSees.All.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFailedCommand_AnnouncesNothing(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var first = await host.SendAsync(Meeting("Dentist"), ann);
        using var annSees = new Recorder(host.Services.GetRequiredService<ILiveEvents>(), ann.Id);

        await Should.ThrowAsync<ConflictException>(() => host.SendAsync(Meeting("Double booked", booking: true), ann));
        await host.SendAsync(new UpdateEventCommand(first.Id, Title: "Dentist at 9"), ann);

        var announced = await annSees.TakeAsync<CalendarChanged>(1);
        announced.ShouldHaveSingleItem().EventId.ShouldBe(first.Id);
        annSees.All.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ThroughRedis_AChangeOnOneInstanceReachesSubscribersOnAnother_Once()
    {
        var redis = Environment.GetEnvironmentVariable("CLEANASSISTANT_TEST_REDIS")
            ?? throw new InvalidOperationException("CLEANASSISTANT_TEST_REDIS is not set: run the tests with ./build.sh test, or start the servers with ./build.sh services.");
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = redis };
        await using var one = await UseCaseHost.StartAsync(DatabaseProvider.Postgres, settings);
        await using var other = await UseCaseHost.StartAsync(DatabaseProvider.Postgres, settings);
        var ann = await one.RegisterAsync();
        await BothSubscribedAsync(one, other);
        await BothSubscribedAsync(other, one);
        using var onOther = new Recorder(other.Services.GetRequiredService<ILiveEvents>(), ann.Id);
        using var onOne = new Recorder(one.Services.GetRequiredService<ILiveEvents>(), ann.Id);

        var created = await one.SendAsync(Meeting("Dentist"), ann);

        (await onOther.TakeAsync<CalendarChanged>(1)).Single().EventId.ShouldBe(created.Id);
        (await onOne.TakeAsync<CalendarChanged>(1)).Single().EventId.ShouldBe(created.Id);
        // Events on one channel arrive in order: once the marker is in, a duplicate would have been too.
        var marker = new CalendarChanged(ann.Id, EventId.New(), CalendarChangeKind.Updated, Nine);
        await one.Services.GetRequiredService<ILiveEvents>().PublishAsync(marker, CancellationToken.None);
        (await onOther.TakeAsync<CalendarChanged>(2)).Select(c => c.EventId).ShouldBe([created.Id, marker.EventId]);
        (await onOne.TakeAsync<CalendarChanged>(2)).Select(c => c.EventId).ShouldBe([created.Id, marker.EventId]);
    }

    /// <summary>Instances subscribe to Redis in the background: wait until one hears the other.</summary>
    private static async Task BothSubscribedAsync(UseCaseHost from, UseCaseHost to)
    {
        var probe = new Domain.Users.UserId(Guid.NewGuid());
        using var heard = new Recorder(to.Services.GetRequiredService<ILiveEvents>(), probe);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (heard.All.Count == 0 && DateTime.UtcNow < deadline)
        {
            await from.Services.GetRequiredService<ILiveEvents>().PublishAsync(new CalendarChanged(probe, EventId.New(), CalendarChangeKind.Updated, Nine), CancellationToken.None);
            await Task.Delay(100);
        }

        heard.All.ShouldNotBeEmpty();
    }

    /// <summary>Records what one user's subscription receives.</summary>
    private sealed class Recorder : IObserver<LiveEvent>, IDisposable
    {
        private readonly ConcurrentQueue<LiveEvent> _received = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly IDisposable _subscription;

        public Recorder(ILiveEvents live, Domain.Users.UserId userId) => _subscription = live.Watch(userId).Subscribe(this);

        public IReadOnlyList<LiveEvent> All => [.. _received];

        /// <summary>Waits (generously) until <paramref name="count"/> events of the type have arrived, then returns them in order.</summary>
        public async Task<List<T>> TakeAsync<T>(int count)
            where T : LiveEvent
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (_received.OfType<T>().Count() < count)
            {
                await _arrived.WaitAsync(timeout.Token);
            }

            return [.. _received.OfType<T>()];
        }

        public void OnNext(LiveEvent value)
        {
            _received.Enqueue(value);
            _arrived.Release();
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _arrived.Dispose();
        }
    }
}
