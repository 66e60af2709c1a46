using System.Text;

namespace CleanAssistant.Application.Common.Interfaces;

/// <summary>
/// Encrypts personal data before it is stored (AES-256-GCM under keys from configuration). A ciphertext names its key,
/// so old data stays readable after a new key becomes the active one, and can be re-encrypted under it.
/// </summary>
public interface IDataEncryption
{
    /// <summary>
    /// Encrypts <paramref name="plaintext"/> for the <paramref name="context"/>: what the data is and whose (e.g.
    /// "voice:{id}:transcript"). Decrypting needs the same context, so a ciphertext copied to another row or column does not decrypt.
    /// </summary>
    byte[] Encrypt(ReadOnlySpan<byte> plaintext, string context);

    /// <exception cref="DataEncryptionException">Unknown key, wrong context, or the data was altered.</exception>
    byte[] Decrypt(ReadOnlySpan<byte> ciphertext, string context);

    /// <summary>Whether the ciphertext is under the active key (false: re-encrypt it to finish a key rotation).</summary>
    bool IsUnderActiveKey(ReadOnlySpan<byte> ciphertext);
}

public static class DataEncryptionExtensions
{
    public static byte[] EncryptText(this IDataEncryption encryption, string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        return encryption.Encrypt(Encoding.UTF8.GetBytes(plaintext), context);
    }

    public static string DecryptText(this IDataEncryption encryption, ReadOnlySpan<byte> ciphertext, string context)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        return Encoding.UTF8.GetString(encryption.Decrypt(ciphertext, context));
    }
}

/// <summary>Stored data could not be decrypted: its key is not configured, or it was altered or moved.</summary>
public sealed class DataEncryptionException(string message, Exception? innerException = null) : Exception(message, innerException);
