namespace CleanAssistant.Domain.Common;

/// <summary>A rule of the domain was broken. <see cref="Code"/> is stable and machine-readable.</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
