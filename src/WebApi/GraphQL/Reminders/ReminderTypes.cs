using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Reminders;
using CleanAssistant.Application.Reminders.CreateReminder;
using CleanAssistant.Application.Reminders.DismissReminder;
using CleanAssistant.Application.Reminders.ListReminders;
using CleanAssistant.Application.Reminders.SetAgendaBriefing;
using CleanAssistant.Application.Reminders.SetEventReminders;
using CleanAssistant.Application.Reminders.SetReminderWebhook;
using CleanAssistant.Application.Reminders.SnoozeReminder;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Events;
using GraphQL;
using GraphQL.Types;
using NodaTime;

namespace CleanAssistant.WebApi.GraphQL.Reminders;

public sealed class ReminderType : ObjectGraphType<ReminderDto>
{
    public const string TypeName = "Reminder";

    public ReminderType()
    {
        Name = TypeName;
        Description = "A reminder: of an event (some minutes before one of its occurrences) or standalone. Delivered once, through the `reminderDue` subscription and by e-mail.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the reminder.").Resolve(c => Encode(c.Source.Id));
        Field(r => r.Text).Description("What to remind of: the standalone reminder's text, or the event's title.");
        Field<IdGraphType>("eventId").Description("The event reminded of; null for a standalone reminder.").Resolve(c => c.Source.EventId is { } id ? EventType.Encode(id) : null);
        Field(r => r.MinutesBefore, nullable: true).Description("For an event reminder: how many minutes before the occurrence starts.");
        Field<InstantGraphType>("occurrenceStart").Description("For an event reminder: when the occurrence it is for starts.").Resolve(c => c.Source.OccurrenceStart);
        Field<NonNullGraphType<InstantGraphType>>("dueAt").Description("When the reminder is (or was) due.").Resolve(c => c.Source.DueAt);
        Field<NonNullGraphType<ReminderStateType>>("state").Description("Where the reminder is in its life.").Resolve(c => c.Source.State);
        Field(r => r.Attempts).Description("How many times delivery was attempted.");
        Field<InstantGraphType>("deliveredAt").Description("When it was delivered; null until then.").Resolve(c => c.Source.DeliveredAt);
    }

    public static string Encode(ReminderId id) => GlobalId.Encode(TypeName, id.Value);

    public static ReminderId Decode(string? id, string field = "id") => new(GlobalId.Decode(TypeName, id, field));
}

public sealed class ReminderStateType : EnumerationGraphType<ReminderState>
{
    public ReminderStateType()
    {
        Name = "ReminderState";
        Description = "Where a reminder is in its life. SCHEDULED and SNOOZED are still to be delivered.";
        Values["SCHEDULED"]!.Description = "Waiting for its due time.";
        Values["SNOOZED"]!.Description = "Put off by the user; waiting for the new due time.";
        Values["DELIVERING"]!.Description = "Claimed by a delivery that is running now.";
        Values["DELIVERED"]!.Description = "Delivered (subscription and e-mail).";
        Values["DISMISSED"]!.Description = "Dismissed by the user, or its event was deleted; never delivered again.";
        Values["FAILED"]!.Description = "Delivery failed on every attempt.";
    }
}

public sealed record CreateReminderInput(string Text, Instant? DueAt, int? InMinutes);

public sealed class CreateReminderInputType : InputObjectGraphType<CreateReminderInput>
{
    public CreateReminderInputType()
    {
        Name = "CreateReminderInput";
        Description = "A standalone reminder: give `dueAt` or `inMinutes`, not both.";
        Field(i => i.Text).Description("What to remind of (\"call Bob\"), up to 500 characters.");
        Field<InstantGraphType>("dueAt").Description("When to remind.");
        Field(i => i.InMinutes, nullable: true).Description("Remind this many minutes from now.");
    }
}

public sealed record SetEventRemindersInput(string EventId, IReadOnlyList<int> MinutesBefore);

public sealed class SetEventRemindersInputType : InputObjectGraphType<SetEventRemindersInput>
{
    public SetEventRemindersInputType()
    {
        Name = "SetEventRemindersInput";
        Description = "An event's reminders, replacing the ones it had. For a recurring event they remind of every occurrence.";
        Field<NonNullGraphType<IdGraphType>>("eventId").Description("The event.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("minutesBefore").Description("One reminder per value, in minutes before the start (0 to 40320); empty removes them. At most 10.");
    }
}

public sealed record SnoozeReminderInput(string Id, Instant? Until, int? Minutes);

public sealed class SnoozeReminderInputType : InputObjectGraphType<SnoozeReminderInput>
{
    public SnoozeReminderInputType()
    {
        Name = "SnoozeReminderInput";
        Description = "Puts a reminder off: give `until` or `minutes`, not both.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The reminder.");
        Field<InstantGraphType>("until").Description("Remind again at this time.");
        Field(i => i.Minutes, nullable: true).Description("Remind again this many minutes from now.");
    }
}

public sealed record DismissReminderInput(string Id);

public sealed class DismissReminderInputType : InputObjectGraphType<DismissReminderInput>
{
    public DismissReminderInputType()
    {
        Name = "DismissReminderInput";
        Description = "The reminder to dismiss: it is never delivered (again).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The reminder.");
    }
}

public sealed record ReminderPayload(ReminderDto? Reminder, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class ReminderPayloadType : ObjectGraphType<ReminderPayload>
{
    public ReminderPayloadType()
    {
        Name = "ReminderPayload";
        Description = "The reminder, or why the mutation failed.";
        Field<ReminderType>("reminder").Description("The reminder; null when `errors` is not empty.").Resolve(c => c.Source.Reminder);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public sealed record RemindersPayload(IReadOnlyList<ReminderDto> Reminders, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class RemindersPayloadType : ObjectGraphType<RemindersPayload>
{
    public RemindersPayloadType()
    {
        Name = "RemindersPayload";
        Description = "The event's reminders as now scheduled, or why the mutation failed.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReminderType>>>>("reminders").Description("The reminders scheduled, one per value still ahead; empty when `errors` is not empty.").Resolve(c => c.Source.Reminders);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

/// <summary>The reminder fields of Query and Mutation.</summary>
public static class ReminderFields
{
    public static void AddReminderQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReminderType>>>>("reminders")
            .Description("The signed-in user's reminders by due time: those still to come, or all of them.")
            .RequireScope(ApiScopes.CalendarRead)
            .Argument<BooleanGraphType>("includeFinished", "Also delivered, dismissed and failed ones. Default false.")
            .Argument<IntGraphType>("first", "How many, 1 to 200. Default 50.")
            .ResolveAsync(async c => await c.QueryAsync(() => new ListRemindersQuery(c.GetArgument("includeFinished", false), c.GetArgument("first", 50))));

    public static void AddReminderMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ReminderPayloadType>>("createReminder")
            .Description("Creates a standalone reminder (\"remind me to call Bob in two hours\").")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<CreateReminderInputType>>("input", "The reminder.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateReminderInput>("input");
                return await c.MutateAsync(() => new CreateReminderCommand(input.Text, input.DueAt, input.InMinutes), Succeeded, Failed);
            });

        mutation.Field<NonNullGraphType<RemindersPayloadType>>("setEventReminders")
            .Description("Sets an event's reminders (several minutes-before values), replacing its previous ones. Another user's event is NOT_FOUND.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<SetEventRemindersInputType>>("input", "The event and its reminders.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SetEventRemindersInput>("input");
                return await c.MutateAsync(
                    () => new SetEventRemindersCommand(EventType.Decode(input.EventId, "eventId"), input.MinutesBefore),
                    reminders => new RemindersPayload(reminders, []),
                    errors => new RemindersPayload([], errors));
            });

        mutation.Field<NonNullGraphType<ReminderPayloadType>>("snoozeReminder")
            .Description("Puts a reminder off; a delivered one comes back. Another user's reminder is NOT_FOUND.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<SnoozeReminderInputType>>("input", "The reminder and until when.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SnoozeReminderInput>("input");
                return await c.MutateAsync(() => new SnoozeReminderCommand(ReminderType.Decode(input.Id), input.Until, input.Minutes), Succeeded, Failed);
            });

        mutation.Field<NonNullGraphType<ReminderPayloadType>>("dismissReminder")
            .Description("Dismisses a reminder: it is never delivered (again). Another user's reminder is NOT_FOUND.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<DismissReminderInputType>>("input", "The reminder.")
            .ResolveAsync(async c => await c.MutateAsync(
                () => new DismissReminderCommand(ReminderType.Decode(c.GetArgument<DismissReminderInput>("input").Id)), Succeeded, Failed));

        mutation.AddReminderWebhookMutation();
        mutation.Field<NonNullGraphType<AgendaBriefingPayloadType>>("setAgendaBriefing")
            .Description("E-mails the signed-in user the day's agenda every morning at a local time in their time zone; null turns it off.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<SetAgendaBriefingInputType>>("input", "When.")
            .ResolveAsync(async c => await c.MutateAsync(
                () => new SetAgendaBriefingCommand(c.GetArgument<SetAgendaBriefingInput>("input").At), at => new AgendaBriefingPayload(at, []), errors => new AgendaBriefingPayload(null, errors)));
    }

    public static void AddReminderWebhookMutation(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ReminderWebhookPayloadType>>("setReminderWebhook")
            .Description("Also posts the signed-in user's due reminders to a URL, signed with HMAC-SHA256 (see `SetReminderWebhookInput`); a null URL turns it off.")
            .RequireScope(ApiScopes.CalendarWrite)
            .Argument<NonNullGraphType<SetReminderWebhookInputType>>("input", "The URL and the signing secret.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SetReminderWebhookInput>("input");
                return await c.MutateAsync(() => new SetReminderWebhookCommand(input.Url, input.Secret), url => new ReminderWebhookPayload(url, []), errors => new ReminderWebhookPayload(null, errors));
            });

    private static ReminderPayload Succeeded(ReminderDto reminder) => new(reminder, []);

    private static ReminderPayload Failed(IReadOnlyList<UserError> errors) => new(null, errors);
}

public sealed record SetReminderWebhookInput(string? Url, string? Secret);

public sealed class SetReminderWebhookInputType : InputObjectGraphType<SetReminderWebhookInput>
{
    public SetReminderWebhookInputType()
    {
        Name = "SetReminderWebhookInput";
        Description = "Where due reminders are also posted (JSON), signed with the secret: header `X-CleanAssistant-Signature: sha256=<hex HMAC-SHA256 of the body>`.";
        Field(i => i.Url, nullable: true).Description("An absolute http(s) URL; null turns the webhook off.");
        Field(i => i.Secret, nullable: true).Description("The signing secret, 16 to 200 characters; required with a URL. Never shown again.");
    }
}

public sealed record ReminderWebhookPayload(string? Url, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class ReminderWebhookPayloadType : ObjectGraphType<ReminderWebhookPayload>
{
    public ReminderWebhookPayloadType()
    {
        Name = "ReminderWebhookPayload";
        Description = "The webhook URL now in use, or why the mutation failed.";
        Field<StringGraphType>("url").Description("The URL reminders are posted to; null when off or when `errors` is not empty.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public sealed record SetAgendaBriefingInput(LocalTime? At);

public sealed class SetAgendaBriefingInputType : InputObjectGraphType<SetAgendaBriefingInput>
{
    public SetAgendaBriefingInputType()
    {
        Name = "SetAgendaBriefingInput";
        Description = "When the morning briefing (the day's agenda by e-mail) is sent.";
        Field<LocalTimeGraphType>("at").Description("Local time in the user's time zone; null turns the briefing off.");
    }
}

public sealed record AgendaBriefingPayload(LocalTime? At, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class AgendaBriefingPayloadType : ObjectGraphType<AgendaBriefingPayload>
{
    public AgendaBriefingPayloadType()
    {
        Name = "AgendaBriefingPayload";
        Description = "The briefing time now in use, or why the mutation failed.";
        Field<LocalTimeGraphType>("at").Description("When the briefing is sent each day; null when off or when `errors` is not empty.").Resolve(c => c.Source.At);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}
