using CleanAssistant.Application.Calendars;
using CleanAssistant.Application.Calendars.CreateCalendar;
using CleanAssistant.Application.Calendars.ListCalendars;
using CleanAssistant.Application.Common.Behaviours;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Domain.Calendars;
using Mediator;
using NSubstitute;
using static CleanAssistant.Application.Tests.Support.Builders;

namespace CleanAssistant.Application.Tests.Common.Behaviours;

public class UnitOfWorkBehaviourTests
{
    private static readonly CalendarDto Created = new(CalendarId.New(), "Work", IsDefault: false, Now, Version: 1);
    private readonly IApplicationDbContext _db = Substitute.For<IApplicationDbContext>();

    [Fact]
    public async Task Command_IsSavedExactlyOnceAfterItsHandlerReturns()
    {
        var savedBeforeHandlerReturned = false;
        MessageHandlerDelegate<CreateCalendarCommand, CalendarDto> next = (_, _) =>
        {
            savedBeforeHandlerReturned = _db.ReceivedCalls().Any();
            return ValueTask.FromResult(Created);
        };
        var behaviour = new UnitOfWorkBehaviour<CreateCalendarCommand, CalendarDto>(_db);

        var response = await behaviour.Handle(new CreateCalendarCommand("Work"), next, CancellationToken.None);

        response.ShouldBe(Created);
        savedBeforeHandlerReturned.ShouldBeFalse();
        await _db.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Command_PassesTheCallersCancellationTokenToHandlerAndSave()
    {
        using var cancellation = new CancellationTokenSource();
        var behaviour = new UnitOfWorkBehaviour<CreateCalendarCommand, CalendarDto>(_db);

        var next = Next<CreateCalendarCommand, CalendarDto>(Created);

        await behaviour.Handle(new CreateCalendarCommand("Work"), next.Handler, cancellation.Token);

        next.Tokens.ShouldBe([cancellation.Token]);
        await _db.Received(1).SaveChangesAsync(cancellation.Token);
    }

    [Fact]
    public async Task CommandWithoutResponse_IsSavedToo()
    {
        var behaviour = new UnitOfWorkBehaviour<ArchiveCommand, Unit>(_db);

        await behaviour.Handle(new ArchiveCommand(), Next<ArchiveCommand, Unit>(Unit.Value).Handler, CancellationToken.None);

        await _db.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Command_WhoseHandlerThrows_IsNotSaved()
    {
        var behaviour = new UnitOfWorkBehaviour<CreateCalendarCommand, CalendarDto>(_db);
        var next = Throwing<CreateCalendarCommand, CalendarDto>(new InvalidOperationException("handler failed"));

        await Should.ThrowAsync<InvalidOperationException>(async () => await behaviour.Handle(new CreateCalendarCommand("Work"), next.Handler, CancellationToken.None));

        await _db.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Query_IsNeverSaved()
    {
        var behaviour = new UnitOfWorkBehaviour<ListCalendarsQuery, IReadOnlyList<CalendarDto>>(_db);

        var response = await behaviour.Handle(new ListCalendarsQuery(), Next<ListCalendarsQuery, IReadOnlyList<CalendarDto>>([Created]).Handler, CancellationToken.None);

        response.ShouldBe([Created]);
        await _db.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    internal sealed record ArchiveCommand : ICommand;
}
