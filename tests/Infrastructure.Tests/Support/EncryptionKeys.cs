using CleanAssistant.Infrastructure.Security;

namespace CleanAssistant.Infrastructure.Tests.Support;

/// <summary>Encryption keys for key-rotation tests: as host settings, or as an encryption of their own.</summary>
internal static class EncryptionKeys
{
    /// <summary>The <c>Encryption</c> settings for <paramref name="keys"/> with <paramref name="active"/> active.</summary>
    public static KeyValuePair<string, string?>[] Settings(string active, params (string Id, byte[] Key)[] keys) =>
        [new("Encryption:ActiveKeyId", active), .. keys.Select(k => new KeyValuePair<string, string?>($"Encryption:Keys:{k.Id}", Convert.ToBase64String(k.Key)))];

    /// <summary>An encryption holding only <paramref name="keys"/>.</summary>
    public static AesGcmDataEncryption With(string active, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), active);
}
