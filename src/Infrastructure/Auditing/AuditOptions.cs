namespace CleanAssistant.Infrastructure.Auditing;

/// <summary>The <c>Audit</c> section: how long audit events are kept and when the expired ones are erased.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Days an audit event is kept (default 365).</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>When the retention job runs (cron, UTC; default daily at 03:40).</summary>
    public string RetentionCron { get; set; } = "40 3 * * *";
}
