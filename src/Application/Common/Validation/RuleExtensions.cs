using CleanAssistant.Domain.Common;
using FluentValidation;

namespace CleanAssistant.Application.Common.Validation;

public static class RuleExtensions
{
    /// <summary>Null is allowed (the caller's default applies); otherwise an IANA zone id.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeTimeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(zone => zone is null || TimeZoneId.IsKnown(zone))
            .WithMessage(c => "Use an IANA time zone id such as 'Europe/Berlin' or 'America/New_York'.");

    public static IRuleBuilderOptions<T, int> MustBePageSize<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, Paging.Cursor.MaxPageSize);
}
