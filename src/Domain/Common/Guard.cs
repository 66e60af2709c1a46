namespace CleanAssistant.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException("REQUIRED", $"{field} must not be empty.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException("TOO_LONG", $"{field} must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainException("TOO_LONG", $"{field} must be at most {maxLength} characters.")
            : trimmed;
    }
}
