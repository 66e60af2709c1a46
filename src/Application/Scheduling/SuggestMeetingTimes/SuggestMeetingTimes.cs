using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Scheduling;
using FluentValidation;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Scheduling.SuggestMeetingTimes;

/// <summary>Ranked meeting times with their reasons; when none fits, why, and what relaxing one constraint would give.</summary>
public sealed record SuggestMeetingTimesQuery(MeetingSearch Search) : IQuery<SuggestionResult>, IRequireUser;

public sealed class SuggestMeetingTimesQueryValidator : AbstractValidator<SuggestMeetingTimesQuery>
{
    public SuggestMeetingTimesQueryValidator() => RuleFor(q => q.Search).SetValidator(new MeetingSearchValidator());
}

public sealed class SuggestMeetingTimesQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : IQueryHandler<SuggestMeetingTimesQuery, SuggestionResult>
{
    public async ValueTask<SuggestionResult> Handle(SuggestMeetingTimesQuery query, CancellationToken cancellationToken) =>
        MeetingSuggester.Suggest(await db.LoadAsync(query.Search, currentUser.Id!.Value, timeProvider, cancellationToken));
}

/// <summary>Times when every required attendee is free, within their hours and the search's constraints.</summary>
public sealed record FindFreeSlotsQuery(MeetingSearch Search) : IQuery<IReadOnlyList<Interval>>, IRequireUser;

public sealed class FindFreeSlotsQueryValidator : AbstractValidator<FindFreeSlotsQuery>
{
    public FindFreeSlotsQueryValidator() => RuleFor(q => q.Search).SetValidator(new MeetingSearchValidator());
}

public sealed class FindFreeSlotsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider timeProvider)
    : IQueryHandler<FindFreeSlotsQuery, IReadOnlyList<Interval>>
{
    public async ValueTask<IReadOnlyList<Interval>> Handle(FindFreeSlotsQuery query, CancellationToken cancellationToken) =>
        FreeSlotFinder.Find(await db.LoadAsync(query.Search, currentUser.Id!.Value, timeProvider, cancellationToken));
}
