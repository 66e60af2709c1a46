using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using CleanAssistant.Application.Calendars.ExportCalendar;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Voice;
using CleanAssistant.Domain.Auditing;
using Mediator;

namespace CleanAssistant.Application.Privacy.ExportMyData;

/// <summary>
/// Everything the service holds about the caller as one zip archive (right of access and portability): JSON files of
/// the profile and settings, calendars and events (deleted ones too), reminders, conversations, assistant actions,
/// voice records with their transcripts decrypted, the caller's audit events, the recordings and spoken replies still
/// kept, and one iCalendar file per calendar. No secrets: no password hash, no tokens, no webhook secret.
/// </summary>
public sealed record ExportMyDataQuery : IQuery<DataArchive>, IRequireUser;

/// <summary>A zip archive: the name to save it under and its bytes.</summary>
public sealed record DataArchive(string FileName, byte[] Bytes);

public sealed class ExportMyDataQueryHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IDataEncryption encryption, ISender sender, IAuditLog auditLog, TimeProvider timeProvider)
    : IQueryHandler<ExportMyDataQuery, DataArchive>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new ToStringConverterFactory() },
    };

    public async ValueTask<DataArchive> Handle(ExportMyDataQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var now = timeProvider.GetCurrentInstant();
        var user = await db.Users.Where(u => u.Id == owner).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("User", owner);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var webhook = await db.ReminderWebhooks.Where(w => w.Id == owner).FirstOrDefaultAsync(cancellationToken);
            var briefing = await db.AgendaBriefings.Where(b => b.Id == owner).FirstOrDefaultAsync(cancellationToken);
            await WriteJsonAsync(zip, "profile.json", new
            {
                user.Id,
                user.Email,
                user.DisplayName,
                user.TimeZone,
                user.Role,
                user.CreatedAt,
                Preferences = new
                {
                    user.Preferences.WorkWeek,
                    user.Preferences.DefaultMeetingLength,
                    user.Preferences.BufferBefore,
                    user.Preferences.BufferAfter,
                    user.Preferences.PreferredTimeOfDay,
                    user.Preferences.EarliestLocal,
                    user.Preferences.LatestLocal,
                    Ambiguity = user.Preferences.Ambiguity.ToString(),
                },
                ReminderWebhook = webhook is null ? null : new { webhook.Url, webhook.IsEnabled, webhook.UpdatedAt },
                AgendaBriefing = briefing is null ? null : new { briefing.At, briefing.IsEnabled, briefing.UpdatedAt },
            }, cancellationToken);

            var calendars = await db.CalendarsIncludingDeleted.Where(c => c.OwnerId == owner).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
            await WriteJsonAsync(zip, "calendars.json", calendars.Select(c => new { c.Id, c.Name, c.IsDefault, c.CreatedAt, c.IsDeleted, c.DeletedAt }), cancellationToken);

            var events = await db.EventsIncludingDeleted.Where(e => e.OwnerId == owner).OrderBy(e => e.Start).ToListAsync(cancellationToken);
            await WriteJsonAsync(zip, "events.json", events.Select(e => new
            {
                e.Id,
                e.CalendarId,
                e.Title,
                e.Description,
                e.Location,
                e.Start,
                e.End,
                e.TimeZone,
                e.IsAllDay,
                e.ShowAs,
                e.IsFlexible,
                e.Recurrence,
                e.ExceptionDates,
                e.SeriesId,
                e.RecurrenceId,
                e.ExternalUid,
                e.CreatedAt,
                e.UpdatedAt,
                e.IsDeleted,
                e.DeletedAt,
            }), cancellationToken);

            var reminders = await db.Reminders.Where(r => r.OwnerId == owner).OrderBy(r => r.DueAt).ToListAsync(cancellationToken);
            await WriteJsonAsync(zip, "reminders.json", reminders.Select(r => new
            {
                r.Id,
                r.EventId,
                r.Text,
                r.MinutesBefore,
                r.OccurrenceStart,
                r.DueAt,
                r.State,
                r.Attempts,
                r.CreatedAt,
                r.DeliveredAt,
            }), cancellationToken);

            var conversations = await db.Conversations.Where(c => c.OwnerId == owner).OrderBy(c => c.StartedAt).ToListAsync(cancellationToken);
            await WriteJsonAsync(zip, "conversations.json", conversations.Select(c => new
            {
                c.Id,
                c.StartedAt,
                c.LastActiveAt,
                Messages = c.Turns.OrderBy(t => t.At).Select(t => new { t.Speaker, t.Text, t.At, t.Intent, t.EventId }),
            }), cancellationToken);

            var actions = await db.AssistantActions.Where(a => a.OwnerId == owner).OrderBy(a => a.At).ToListAsync(cancellationToken);
            await WriteJsonAsync(zip, "assistant-actions.json", actions.Select(a => new
            {
                a.Id,
                a.ConversationId,
                a.Description,
                a.At,
                a.UndoableUntil,
                a.UndoneAt,
                CreatedEvents = a.Created,
                a.CreatedReminders,
            }), cancellationToken);

            var voice = await db.VoiceRecords.Where(v => v.OwnerId == owner).OrderBy(v => v.CreatedAt).ToListAsync(cancellationToken);
            var voiceEntries = new List<object>();
            foreach (var v in voice)
            {
                string? recording = null, reply = null;
                if (v.Audio is { } audio && v.AudioExpiresAt > now)
                {
                    recording = $"voice/{v.Id}-recording{Extension(v.AudioContentType)}";
                    await WriteBytesAsync(zip, recording, encryption.Decrypt(audio, VoiceCipher.Audio(v.Id)), cancellationToken);
                }

                if (v.ReplyAudio is { } replyAudio && v.ReplyAudioExpiresAt > now)
                {
                    reply = $"voice/{v.Id}-reply{Extension(v.ReplyAudioContentType)}";
                    await WriteBytesAsync(zip, reply, encryption.Decrypt(replyAudio, VoiceCipher.ReplyAudio(v.Id)), cancellationToken);
                }

                voiceEntries.Add(new
                {
                    v.Id,
                    v.ConversationId,
                    v.CreatedAt,
                    v.Engine,
                    v.AudioSeconds,
                    Transcript = encryption.DecryptText(v.Transcript, VoiceCipher.Transcript(v.Id)),
                    v.ExpiresAt,
                    RecordingFile = recording,
                    ReplyAudioFile = reply,
                });
            }

            await WriteJsonAsync(zip, "voice-records.json", voiceEntries, cancellationToken);

            var audit = await db.AuditEvents.Where(a => a.UserId == owner).OrderBy(a => a.At).ToListAsync(cancellationToken);
            await WriteJsonAsync(zip, "audit-events.json", audit.Select(a => new { a.At, a.Kind, a.ClientId, a.IpAddress, a.Details }), cancellationToken);

            var index = 0;
            foreach (var calendar in calendars.Where(c => !c.IsDeleted))
            {
                var file = await sender.Send(new ExportCalendarQuery(calendar.Id), cancellationToken);
                await WriteBytesAsync(zip, $"calendars/{++index}-{file.FileName}", System.Text.Encoding.UTF8.GetBytes(file.Text), cancellationToken);
            }
        }

        await auditLog.RecordAsync(AuditEventKind.DataExported, owner, cancellationToken: cancellationToken);
        return new DataArchive($"cleanassistant-export-{now.InUtc().Date:yyyy-MM-dd}.zip", buffer.ToArray());
    }

    private static async Task WriteJsonAsync(ZipArchive zip, string name, object content, CancellationToken cancellationToken)
    {
        await using var stream = await zip.CreateEntry(name).OpenAsync(cancellationToken);
        await JsonSerializer.SerializeAsync(stream, content, Json, cancellationToken);
    }

    private static async Task WriteBytesAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var stream = await zip.CreateEntry(name).OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static string Extension(string? contentType) => contentType?.Split(';')[0].Trim() switch
    {
        "audio/wav" or "audio/x-wav" or "audio/wave" => ".wav",
        "audio/ogg" => ".ogg",
        "audio/mpeg" => ".mp3",
        "audio/mp4" => ".m4a",
        "audio/flac" => ".flac",
        "audio/webm" => ".webm",
        _ => ".bin",
    };

    /// <summary>Times, zones, durations and typed ids as the text they print as (ISO 8601 for times).</summary>
    private sealed class ToStringConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert)
        {
            var type = typeToConvert;
            return type.Namespace is { } ns && !type.IsEnum
                && (ns.StartsWith("NodaTime", StringComparison.Ordinal) || (ns.StartsWith("CleanAssistant.Domain", StringComparison.Ordinal) && type.IsValueType)
                    || type == typeof(Domain.Recurrence.RecurrenceRule));
        }

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ToStringConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class ToStringConverter<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The export is written, never read.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
