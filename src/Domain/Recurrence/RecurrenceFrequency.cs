namespace CleanAssistant.Domain.Recurrence;

/// <summary>The FREQ of a recurrence rule: the length of the period each occurrence set is drawn from.</summary>
public enum RecurrenceFrequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}
