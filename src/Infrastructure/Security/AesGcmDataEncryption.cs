using System.Security.Cryptography;
using System.Text;
using CleanAssistant.Application.Common.Interfaces;

namespace CleanAssistant.Infrastructure.Security;

/// <summary>
/// AES-256-GCM with a fresh 96-bit nonce per value and the context as associated data. Layout of a ciphertext:
/// <c>version(1) | key-id length(1) | key id (ASCII) | nonce(12) | tag(16) | ciphertext</c>.
/// </summary>
internal sealed class AesGcmDataEncryption : IDataEncryption
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    public const int KeySize = 32;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly byte[] _activeKeyIdBytes;

    public AesGcmDataEncryption(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new ArgumentException($"The active key '{activeKeyId}' is not among the keys.", nameof(activeKeyId));
        }

        foreach (var (id, key) in keys)
        {
            if (key.Length != KeySize || id.Length is 0 or > 64 || !Ascii.IsValid(id))
            {
                throw new ArgumentException($"Key '{id}' must be {KeySize} bytes under an ASCII id of at most 64 characters.", nameof(keys));
            }
        }

        _keys = keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        _activeKeyId = activeKeyId;
        _activeKeyIdBytes = Encoding.ASCII.GetBytes(activeKeyId);
    }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string context)
    {
        var headerLength = 2 + _activeKeyIdBytes.Length;
        var output = new byte[headerLength + NonceSize + TagSize + plaintext.Length];
        output[0] = Version;
        output[1] = (byte)_activeKeyIdBytes.Length;
        _activeKeyIdBytes.CopyTo(output, 2);
        var nonce = output.AsSpan(headerLength, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(headerLength + NonceSize + TagSize), output.AsSpan(headerLength + NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return output;
    }

    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext, string context)
    {
        var keyId = KeyIdOf(ciphertext, out var bodyStart);
        var body = ciphertext[bodyStart..];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new DataEncryptionException($"The data is encrypted under key '{keyId}', which is not configured (Encryption:Keys).");
        }

        if (body.Length < NonceSize + TagSize)
        {
            throw new DataEncryptionException("The encrypted data is truncated.");
        }

        var plaintext = new byte[body.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(body[..NonceSize], body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new DataEncryptionException("The encrypted data was altered, or belongs to another record.", exception);
        }

        return plaintext;
    }

    public bool IsUnderActiveKey(ReadOnlySpan<byte> ciphertext) => KeyIdOf(ciphertext) == _activeKeyId;

    private static string KeyIdOf(ReadOnlySpan<byte> ciphertext) => KeyIdOf(ciphertext, out _);

    /// <summary>The key id of a ciphertext; <paramref name="bodyStart"/> is where its nonce begins.</summary>
    private static string KeyIdOf(ReadOnlySpan<byte> ciphertext, out int bodyStart)
    {
        if (ciphertext.Length < 2 || ciphertext[0] != Version || ciphertext.Length < 2 + ciphertext[1])
        {
            throw new DataEncryptionException("The data is not in the encrypted format.");
        }

        var keyLength = ciphertext[1];
        bodyStart = 2 + keyLength;
        return Encoding.ASCII.GetString(ciphertext.Slice(2, keyLength));
    }

    /// <summary>The keys from configuration, or in embedded mode a key generated once and kept in a file.</summary>
    public static AesGcmDataEncryption FromOptions(DataEncryptionOptions options, string defaultKeysDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keys.Count > 0)
        {
            var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (id, value) in options.Keys)
            {
                keys[id] = DecodeKey(id, value);
            }

            var active = options.ActiveKeyId ?? (keys.Count == 1 ? keys.Keys.Single() : throw new InvalidOperationException("Encryption:ActiveKeyId must name one of Encryption:Keys."));
            return new AesGcmDataEncryption(keys, active);
        }

        return new AesGcmDataEncryption(new Dictionary<string, byte[]> { ["local"] = GeneratedKey(options.KeysDirectory ?? defaultKeysDirectory) }, "local");
    }

    private static byte[] DecodeKey(string id, string value)
    {
        try
        {
            var key = Convert.FromBase64String(value);
            return key.Length == KeySize ? key : throw new InvalidOperationException($"Encryption:Keys:{id} must be {KeySize} bytes ({key.Length} given); make one with `openssl rand -base64 32`.");
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"Encryption:Keys:{id} is not base64; make one with `openssl rand -base64 32`.", exception);
        }
    }

    private static byte[] GeneratedKey(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "data-encryption.key");
        if (!File.Exists(path))
        {
            var temporary = path + $".{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process made it first: use theirs
            }
        }

        return DecodeKey("local", File.ReadAllText(path).Trim());
    }
}
