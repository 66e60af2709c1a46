using System.Security.Cryptography;
using System.Text;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Infrastructure.Security;

namespace CleanAssistant.Infrastructure.Tests.Security;

public sealed class DataEncryptionTests
{
    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] NewKey = RandomNumberGenerator.GetBytes(32);

    private static AesGcmDataEncryption With(string active, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), active);

    [Fact]
    public void Text_RoundTrips_AndTheCiphertextHoldsNoPlaintext()
    {
        var encryption = With("a", ("a", OldKey));
        const string text = "move my dentist thing to Friday at three — Zoë 🦷";

        var ciphertext = encryption.EncryptText(text, "voice:1:transcript");

        encryption.DecryptText(ciphertext, "voice:1:transcript").ShouldBe(text);
        Encoding.UTF8.GetString(ciphertext).ShouldNotContain("dentist");
        encryption.EncryptText(text, "voice:1:transcript").ShouldNotBe(ciphertext); // a fresh nonce each time
    }

    [Fact]
    public void AlteredData_OrAnotherContext_DoesNotDecrypt()
    {
        var encryption = With("a", ("a", OldKey));
        var ciphertext = encryption.EncryptText("call Bob", "voice:1:transcript");

        Should.Throw<DataEncryptionException>(() => encryption.DecryptText(ciphertext, "voice:2:transcript"));
        var altered = ciphertext.ToArray();
        altered[^1] ^= 1;
        Should.Throw<DataEncryptionException>(() => encryption.DecryptText(altered, "voice:1:transcript"));
        Should.Throw<DataEncryptionException>(() => encryption.DecryptText(ciphertext.AsSpan(0, 10), "voice:1:transcript"));
        Should.Throw<DataEncryptionException>(() => encryption.DecryptText("plain text"u8, "voice:1:transcript"));
    }

    [Fact]
    public void AfterRotation_OldDataStillDecrypts_AndIsKnownToNeedReEncryption()
    {
        var before = With("2026-01", ("2026-01", OldKey));
        var old = before.EncryptText("call Bob", "c");

        var after = With("2026-11", ("2026-01", OldKey), ("2026-11", NewKey));

        after.DecryptText(old, "c").ShouldBe("call Bob");
        after.IsUnderActiveKey(old).ShouldBeFalse();
        var again = after.EncryptText(after.DecryptText(old, "c"), "c");
        after.IsUnderActiveKey(again).ShouldBeTrue();

        // Once the old key is removed, what was not re-encrypted cannot be read: it says which key it needs.
        var withoutOld = With("2026-11", ("2026-11", NewKey));
        Should.Throw<DataEncryptionException>(() => withoutOld.DecryptText(old, "c")).Message.ShouldContain("2026-01");
    }

    [Fact]
    public void Configuration_IsChecked_AndWithoutKeysOneIsGeneratedOnceAndKept()
    {
        Should.Throw<InvalidOperationException>(() => AesGcmDataEncryption.FromOptions(new DataEncryptionOptions { Keys = { ["a"] = Convert.ToBase64String(new byte[16]) } }, "unused"))
            .Message.ShouldContain("32 bytes");
        Should.Throw<InvalidOperationException>(() => AesGcmDataEncryption.FromOptions(new DataEncryptionOptions { Keys = { ["a"] = "not base64!" } }, "unused"));

        var directory = Path.Combine(Path.GetTempPath(), "ca-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = AesGcmDataEncryption.FromOptions(new DataEncryptionOptions(), directory);
            var ciphertext = first.EncryptText("call Bob", "c");
            var second = AesGcmDataEncryption.FromOptions(new DataEncryptionOptions(), directory);
            second.DecryptText(ciphertext, "c").ShouldBe("call Bob");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(Path.Combine(directory, "data-encryption.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
