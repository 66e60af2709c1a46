using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Infrastructure.Auditing;
using CleanAssistant.Infrastructure.Identity;
using CleanAssistant.Infrastructure.Interpretation;
using CleanAssistant.Infrastructure.LiveEvents;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.RateLimiting;
using CleanAssistant.Infrastructure.Reminders;
using CleanAssistant.Infrastructure.Security;
using CleanAssistant.Infrastructure.Voice;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The Data Protection application name: instances with the same one (and database) share keys.</summary>
    public const string DataProtectionApplicationName = "CleanAssistant";

    /// <summary>
    /// The database (SQLite or PostgreSQL, by <c>Database:Provider</c>), OpenIddict's stores in it,
    /// the password hasher, and the interpreter chain (<c>Interpretation</c>: language models, then offline)
    /// as the <see cref="Application.Interpretation.IInterpreter"/>, reminder scheduling (Hangfire) and delivery, and audio
    /// input (<c>Voice:Audio</c>: ffmpeg decoding, voice activity detection), the audit log (<c>Audit</c>), the Data
    /// Protection key ring in the database, and the rate-limit counters (in process, or in Redis when
    /// <c>Redis:Configuration</c> is set).
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        services.AddOptions<DataEncryptionOptions>().BindConfiguration(DataEncryptionOptions.SectionName)
            .Validate(o => o.Keys.Count == 0 || (o.ActiveKeyId ?? (o.Keys.Count == 1 ? o.Keys.Keys.Single() : null)) is { } active && o.Keys.ContainsKey(active),
                "Encryption:ActiveKeyId must name one of Encryption:Keys.")
            .ValidateOnStart();
        services.AddSingleton<IDataEncryption>(sp => AesGcmDataEncryption.FromOptions(
            sp.GetRequiredService<IOptions<DataEncryptionOptions>>().Value, sp.GetRequiredService<IOptions<IdentityOptions>>().Value.KeysDirectory));
        services.AddOptions<PasswordHashingOptions>().BindConfiguration(PasswordHashingOptions.SectionName)
            .Validate(o => o.Iterations >= 1_000, "Security:PasswordHashing:Iterations must be at least 1000.")
            .ValidateOnStart();

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresApplicationDbContext>((sp, o) => o.UseNpgsql(database.ConnectionString).UseOpenIddict().AddInterceptors(new DispatchDomainEventsInterceptor(sp)));
                services.AddScoped<ApplicationDbContext>(sp => WithLiveEvents(sp, sp.GetRequiredService<PostgresApplicationDbContext>()));
                break;
            default:
                services.AddDbContext<SqliteApplicationDbContext>((sp, o) => o.UseSqlite(database.ConnectionString).UseOpenIddict().AddInterceptors(new DispatchDomainEventsInterceptor(sp)));
                services.AddScoped<ApplicationDbContext>(sp => WithLiveEvents(sp, sp.GetRequiredService<SqliteApplicationDbContext>()));
                break;
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
        services.AddSingleton<LiveEventHub>();
        var redis = configuration["Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<ILiveEvents, InProcessLiveEvents>();
            services.AddSingleton<IRateLimitStore, InMemoryRateLimitStore>();
        }
        else
        {
            services.AddSingleton<ILiveEvents>(sp => new RedisLiveEvents(redis, sp.GetRequiredService<LiveEventHub>(), sp.GetRequiredService<ILogger<RedisLiveEvents>>()));
            services.AddSingleton<IRateLimitStore>(sp => new RedisRateLimitStore(redis, sp.GetRequiredService<ILogger<RedisRateLimitStore>>()));
        }

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<WebhookSecretReencryption>();
        services.AddScoped<Reencryption>();
        services.AddScoped<IBookingLock, DatabaseBookingLock>();
        services.AddScoped<IAccountEraser, AccountEraser>();
        services.AddScoped<IdentitySeeder>();
        services.AddScoped<IOAuthClientRegistry, OAuthClientRegistry>();
        services.AddSingleton<IPasswordHasher, Pbkdf2PasswordHasher>();
        services.AddSingleton<ICalendarFileFormat, Ics.IcalNetCalendarFileFormat>();

        services.AddInterpretation(configuration);
        services.AddReminders(database);
        services.AddVoice(configuration);
        services.AddAudit();

        // Cookies, antiforgery and anything else protected by one instance must be readable by the others: the key
        // ring lives in the product database, under one application name whatever the content root.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<ApplicationDbContext>();

        services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ApplicationDbContext>());
        return services;
    }

    private static ApplicationDbContext WithLiveEvents(IServiceProvider services, ApplicationDbContext context)
    {
        context.LiveEvents = services.GetRequiredService<ILiveEvents>();
        return context;
    }
}
