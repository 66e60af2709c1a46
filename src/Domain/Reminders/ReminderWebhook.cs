using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Reminders;

/// <summary>
/// Where a user's reminders are also posted (one per user, keyed by the user's id), with the secret their body is
/// signed with (HMAC-SHA256), so the receiver can tell they come from us. The secret is kept only encrypted: the
/// application seals it before it reaches the entity and opens it to sign.
/// </summary>
public sealed class ReminderWebhook : Entity<UserId>
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    private ReminderWebhook()
    {
        Url = string.Empty;
        SecretCiphertext = [];
    }

    public string Url { get; private set; }

    /// <summary>The signing secret, encrypted by the application (never the secret itself).</summary>
    public byte[] SecretCiphertext { get; private set; }

    public bool IsEnabled { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public static ReminderWebhook Create(UserId owner, string url, byte[] secretCiphertext, Instant now)
    {
        var webhook = new ReminderWebhook { Id = owner };
        webhook.Change(url, secretCiphertext, now);
        return webhook;
    }

    /// <summary>Refuses a signing secret too short to resist guessing or too long to store.</summary>
    public static void CheckSecret(string? secret)
    {
        if (secret is null || secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            throw new DomainException("INVALID_WEBHOOK_SECRET", $"The webhook secret must be {MinSecretLength} to {MaxSecretLength} characters.");
        }
    }

    /// <summary>Points the webhook at <paramref name="url"/> with a new secret (checked with <see cref="CheckSecret"/>, then encrypted).</summary>
    public void Change(string url, byte[] secretCiphertext, Instant now)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || url.Length > MaxUrlLength)
        {
            throw new DomainException("INVALID_WEBHOOK_URL", "The webhook URL must be an absolute http or https URL.");
        }

        if (secretCiphertext is not { Length: > 0 })
        {
            throw new DomainException("INVALID_WEBHOOK_SECRET", "The webhook needs a secret.");
        }

        Url = url;
        SecretCiphertext = secretCiphertext;
        IsEnabled = true;
        UpdatedAt = now;
    }

    /// <summary>The same secret encrypted again (under a new key, after a key rotation).</summary>
    public void ReplaceSecretCiphertext(byte[] secretCiphertext)
    {
        if (secretCiphertext is not { Length: > 0 })
        {
            throw new DomainException("INVALID_WEBHOOK_SECRET", "The webhook needs a secret.");
        }

        SecretCiphertext = secretCiphertext;
    }

    public void Disable(Instant now)
    {
        IsEnabled = false;
        UpdatedAt = now;
    }
}
