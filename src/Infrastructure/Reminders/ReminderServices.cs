using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Infrastructure.Persistence;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Reminders;

public static class ReminderServices
{
    /// <summary>Hangfire's job storage in PostgreSQL.</summary>
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// Reminder scheduling and delivery: Hangfire storage (PostgreSQL schema <c>hangfire</c> on the product database in
    /// distributed mode, in memory in embedded mode), the scheduler port, delivery and SMTP (<c>Reminders</c>).
    /// Storage and clients are registered here, not through Hangfire's static configuration, so two hosts in one
    /// process (tests) each keep their own.
    /// </summary>
    internal static IServiceCollection AddReminders(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.SectionName)
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Reminders:Smtp:Port must be a TCP port.")
            .Validate(o => o.SchedulePollingInterval > TimeSpan.Zero, "Reminders:SchedulePollingInterval must be positive.")
            .Validate(o => o.QueuePollInterval > TimeSpan.Zero, "Reminders:QueuePollInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<JobStorage>(sp => database.Provider == DatabaseProvider.Postgres
            ? new PostgreSqlStorage(
                new NpgsqlConnectionFactory(database.ConnectionString, new PostgreSqlStorageOptions { SchemaName = HangfireSchema }),
                new PostgreSqlStorageOptions
                {
                    SchemaName = HangfireSchema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = sp.GetRequiredService<IOptions<ReminderOptions>>().Value.QueuePollInterval,
                })
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IReminderScheduler, HangfireReminderScheduler>();
        services.AddScoped<ReminderDelivery>();
        services.AddSingleton<IAgendaBriefingScheduler, HangfireAgendaBriefingScheduler>();
        services.AddScoped<AgendaBriefingSender>();
        services.AddSingleton<SmtpReminderMailer>();
        services.AddHttpClient<ReminderWebhookSender>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddTransient<ReminderJobs>();

        // Hangfire's own services (dashboard routes, filters, the marker its extensions check); they only add what is
        // not registered above, so the storage and clients stay ours.
        services.AddHangfire((_, _) => { });
        return services;
    }

    /// <summary>
    /// Runs reminder delivery in this process: Hangfire workers, the sweeper's recurring job, and the start-up re-fill
    /// of jobs from the database; also the other background jobs (voice retention and re-encryption, audit retention). For the servers; the CLI only schedules.
    /// </summary>
    public static IServiceCollection AddReminderServer(this IServiceCollection services)
    {
        services.AddHostedService<ReminderStartup>();
        services.AddHostedService<Voice.VoiceStartup>();
        services.AddHostedService<Auditing.AuditStartup>();
        services.AddHangfireServer((sp, options) =>
        {
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            options.SchedulePollingInterval = sp.GetRequiredService<IOptions<ReminderOptions>>().Value.SchedulePollingInterval;
        });
        return services;
    }
}
