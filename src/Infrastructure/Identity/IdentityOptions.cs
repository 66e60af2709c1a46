namespace CleanAssistant.Infrastructure.Identity;

/// <summary>The <c>Identity</c> configuration section: the OAuth 2 / OpenID Connect server.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>Client id of our own apps; the only client allowed the password grant.</summary>
    public string FirstPartyClientId { get; set; } = "cleanassistant-app";

    /// <summary>
    /// The issuer URL in tokens and discovery, e.g. https://calendar.example.com/. Set it when several
    /// instances serve one site; by default each request's own host is used.
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Folder where signing and encryption keys are generated once and kept (embedded mode).</summary>
    public string KeysDirectory { get; set; } = "data/keys";

    /// <summary>PFX file of the token signing certificate (distributed mode: every instance shares it).</summary>
    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    /// <summary>PFX file of the token encryption certificate (distributed mode).</summary>
    public string? EncryptionCertificatePath { get; set; }

    public string? EncryptionCertificatePassword { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Refuse plain HTTP for the OAuth endpoints. Turn on behind TLS in production.</summary>
    public bool RequireHttps { get; set; }
}
