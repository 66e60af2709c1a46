using MailKit.Security;

namespace CleanAssistant.Infrastructure.Reminders;

/// <summary>The <c>Reminders</c> configuration section.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How often the sweeper looks for overdue reminders whose job was lost (a Hangfire cron expression).</summary>
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>A claim older than this is taken as the claimant's death: the sweeper claims the reminder again.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Run the Hangfire server (workers) in this process; off for hosts that should only schedule.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>
    /// How often this server's Hangfire scheduler looks for jobs that have become due (and triggers recurring ones):
    /// the most a reminder waits past its due time. Hangfire's default; tests shorten it.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Distributed mode: how often idle workers look for jobs another instance enqueued (Hangfire.PostgreSql's
    /// queue polling). The instance that enqueues a job wakes its own workers at once; shorter spreads bursts.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The <c>Reminders:Smtp</c> section. Without a <see cref="Host"/> no e-mail is sent.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "CleanAssistant <reminders@localhost>";
}
