namespace CleanAssistant.Infrastructure.Security;

/// <summary>
/// Keys of the encryption of personal data at rest (section <c>Encryption</c>). Each key is 32 random bytes in base64
/// under an id: <c>Encryption:Keys:2026-11=…</c>, and <c>Encryption:ActiveKeyId=2026-11</c> encrypts new data. To
/// rotate, add a key, make it active, keep the old one until the re-encryption has run. Without any key (embedded
/// mode) one is generated once and kept in <see cref="KeysDirectory"/>.
/// </summary>
public sealed class DataEncryptionOptions
{
    public const string SectionName = "Encryption";

    public Dictionary<string, string> Keys { get; set; } = [];

    public string? ActiveKeyId { get; set; }

    /// <summary>Where a generated key is kept when none is configured; by default <c>Identity:KeysDirectory</c>.</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>How often data still under an older key is re-encrypted under the active one (a Hangfire cron expression).</summary>
    public string ReencryptionCron { get; set; } = "43 3 * * *";
}
