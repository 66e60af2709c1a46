using CleanAssistant.Domain.Users;
using Mapster;
using NodaTime;

namespace CleanAssistant.Application.Users;

public sealed record UserDto(UserId Id, string Email, string DisplayName, string TimeZone, UserRole Role, Instant CreatedAt, UserPreferences Preferences)
{
    internal sealed class Mapping : IRegister
    {
        public void Register(TypeAdapterConfig config) =>
            config.NewConfig<User, UserDto>().Map(d => d.TimeZone, s => s.TimeZone.Value);
    }
}
