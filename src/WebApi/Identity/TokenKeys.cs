using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using IdentityOptions = CleanAssistant.Infrastructure.Identity.IdentityOptions;

namespace CleanAssistant.WebApi.Identity;

/// <summary>
/// Token signing and encryption keys. In distributed mode they come from configured certificates so every
/// instance signs alike; in embedded mode RSA keys are generated once and kept in <c>KeysDirectory</c>.
/// </summary>
internal static class TokenKeys
{
    public static SecurityKey Signing(IdentityOptions options) =>
        Load(options.SigningCertificatePath, options.SigningCertificatePassword, options.KeysDirectory, "signing");

    public static SecurityKey Encryption(IdentityOptions options) =>
        Load(options.EncryptionCertificatePath, options.EncryptionCertificatePassword, options.KeysDirectory, "encryption");

    private static SecurityKey Load(string? certificatePath, string? password, string keysDirectory, string purpose)
    {
        if (!string.IsNullOrEmpty(certificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password, X509KeyStorageFlags.EphemeralKeySet);
            return new X509SecurityKey(certificate);
        }

        Directory.CreateDirectory(keysDirectory);
        var path = Path.Combine(keysDirectory, $"{purpose}.pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            var pem = rsa.ExportPkcs8PrivateKeyPem();
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, pem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: false);
        }

        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
