using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Auditing;

/// <summary>What happened, in an <see cref="AuditEvent"/>.</summary>
public enum AuditEventKind
{
    LoginSucceeded,
    LoginFailed,
    TokenGranted,
    TokenRefreshed,
    TokenRevoked,
    ClientRegistered,
    ClientRemoved,
    ConsentGranted,
    ScopeDenied,
    DataExported,
    AccountDeleted,
}

/// <summary>
/// One security-relevant event: who (user, OAuth client), from where (IP address) and when. It holds no secrets and no
/// personal content: the details are a short technical note ("grant=password"), never a password, token, e-mail
/// address, event title or transcript. Kept for the audit retention, after the user's account if it is deleted.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxClientIdLength = 100;
    public const int MaxIpAddressLength = 45;
    public const int MaxDetailsLength = 200;

    private AuditEvent()
    {
    }

    public Guid Id { get; private set; }

    public Instant At { get; private set; }

    public AuditEventKind Kind { get; private set; }

    public UserId? UserId { get; private set; }

    public string? ClientId { get; private set; }

    public string? IpAddress { get; private set; }

    public string? Details { get; private set; }

    /// <summary>An event; over-long values are cut to their column's length (an audit row is never refused).</summary>
    public static AuditEvent Record(AuditEventKind kind, UserId? userId, string? clientId, string? ipAddress, string? details, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        At = now,
        Kind = kind,
        UserId = userId,
        ClientId = Cut(clientId, MaxClientIdLength),
        IpAddress = Cut(ipAddress, MaxIpAddressLength),
        Details = Cut(details, MaxDetailsLength),
    };

    private static string? Cut(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= length ? value : value[..length];
}
