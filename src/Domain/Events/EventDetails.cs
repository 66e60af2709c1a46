using CleanAssistant.Domain.Common;

namespace CleanAssistant.Domain.Events;

/// <summary>The descriptive part of an event: what and where.</summary>
public sealed record EventDetails
{
    private EventDetails(string title, string? description, string? location)
    {
        Title = title;
        Description = description;
        Location = location;
    }

    public string Title { get; }

    public string? Description { get; }

    public string? Location { get; }

    public static EventDetails Create(string title, string? description = null, string? location = null) =>
        new(
            Guard.Text(title, "Title", CalendarEvent.MaxTitleLength),
            Guard.OptionalText(description, "Description", CalendarEvent.MaxDescriptionLength),
            Guard.OptionalText(location, "Location", CalendarEvent.MaxLocationLength));
}
