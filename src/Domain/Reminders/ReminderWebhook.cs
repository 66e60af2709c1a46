using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Reminders;

/// <summary>
/// Where a user's reminders are also posted (one per user, keyed by the user's id), with the secret their body is
/// signed with (HMAC-SHA256), so the receiver can tell they come from us.
/// </summary>
public sealed class ReminderWebhook : Entity<UserId>
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    private ReminderWebhook()
    {
        Url = string.Empty;
        Secret = string.Empty;
    }

    public string Url { get; private set; }

    public string Secret { get; private set; }

    public bool IsEnabled { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public static ReminderWebhook Create(UserId owner, string url, string secret, Instant now)
    {
        var webhook = new ReminderWebhook { Id = owner };
        webhook.Change(url, secret, now);
        return webhook;
    }

    public void Change(string url, string secret, Instant now)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || url.Length > MaxUrlLength)
        {
            throw new DomainException("INVALID_WEBHOOK_URL", "The webhook URL must be an absolute http or https URL.");
        }

        if (secret is null || secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            throw new DomainException("INVALID_WEBHOOK_SECRET", $"The webhook secret must be {MinSecretLength} to {MaxSecretLength} characters.");
        }

        Url = url;
        Secret = secret;
        IsEnabled = true;
        UpdatedAt = now;
    }

    public void Disable(Instant now)
    {
        IsEnabled = false;
        UpdatedAt = now;
    }
}
