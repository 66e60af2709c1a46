using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanAssistant.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Identity;

/// <summary>The <c>Security</c> configuration section.</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Security:PasswordHashing";

    /// <summary>PBKDF2-HMAC-SHA256 iterations; OWASP's 2023 advice is 600,000. Raising it rehashes at next sign-in.</summary>
    public int Iterations { get; set; } = 600_000;
}

/// <summary>
/// PBKDF2-HMAC-SHA256 with a 128-bit random salt, stored as <c>pbkdf2-sha256$iterations$salt$hash</c>.
/// The iteration count travels with the hash, so it can be raised over time (adaptive).
/// </summary>
internal sealed class Pbkdf2PasswordHasher(IOptions<PasswordHashingOptions> options) : IPasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations = options.Value.Iterations;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, _iterations);
        return string.Join('$', Scheme, _iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public PasswordCheck Verify(string hash, string password)
    {
        var parts = hash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return PasswordCheck.Failed;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }

        var actual = Derive(password, salt, iterations);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordCheck.Failed;
        }

        return iterations < _iterations ? PasswordCheck.SuccessRehashNeeded : PasswordCheck.Success;
    }

    public void SimulateVerify(string password) => Derive(password, new byte[SaltBytes], _iterations);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
