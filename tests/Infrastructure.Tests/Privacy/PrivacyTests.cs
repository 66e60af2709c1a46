using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CleanAssistant.Application.Calendars.CreateCalendar;
using CleanAssistant.Application.Calendars.DeleteCalendar;
using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Conversations.SendMessage;
using CleanAssistant.Application.Events;
using CleanAssistant.Application.Events.CreateEvent;
using CleanAssistant.Application.Events.DeleteEvent;
using CleanAssistant.Application.Privacy.DeleteMyAccount;
using CleanAssistant.Application.Privacy.ExportMyData;
using CleanAssistant.Application.Reminders.CreateReminder;
using CleanAssistant.Application.Reminders.SetAgendaBriefing;
using CleanAssistant.Application.Reminders.SetReminderWebhook;
using CleanAssistant.Application.Users;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Application.Voice;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Users;
using CleanAssistant.Domain.Voice;
using CleanAssistant.Infrastructure.Auditing;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace CleanAssistant.Infrastructure.Tests.Privacy;

/// <summary>
/// The rights of access and erasure on a real database: the export holds each kind of data and no secret, the
/// deletion leaves nothing of the user (soft-deleted rows included) and everything of the others; the audit log and
/// the shared Data Protection key ring.
/// </summary>
public sealed class PrivacyTests
{
    private const string WebhookSecret = "webhook-secret-0123456789";
    private const string Transcript = "remind me to call the dentist";
    private static readonly byte[] Recording = [1, 2, 3, 4, 5];
    private static readonly KeyValuePair<string, string?>[] EncryptionKey =
        [new("Encryption:ActiveKeyId", "k"), new("Encryption:Keys:k", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_HoldsEveryKindOfData_DecryptedTranscripts_AndNoSecrets(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider, EncryptionKey);
        var ann = await host.RegisterAsync("ann@example.com");
        var voiceId = await FillAsync(host, ann);

        var archive = await host.SendAsync(new ExportMyDataQuery(), ann);

        var files = ReadZip(archive.Bytes);
        files.Keys.ShouldBe(
            [
                "profile.json", "calendars.json", "events.json", "reminders.json", "conversations.json", "assistant-actions.json",
                $"voice/{voiceId}-recording.wav", "voice-records.json", "audit-events.json", "calendars/1-Personal.ics", "calendars/2-Work.ics",
            ],
            ignoreOrder: true);
        Json(files["profile.json"])["email"]!.GetValue<string>().ShouldBe("ann@example.com");
        Json(files["profile.json"])["reminderWebhook"]!["url"]!.GetValue<string>().ShouldBe("https://hooks.example.com/ann");
        Json(files["calendars.json"]).AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Personal", "Work", "Old"], ignoreOrder: true);
        var events = Json(files["events.json"]).AsArray();
        events.Select(e => e!["title"]!.GetValue<string>()).ShouldContain("Dentist");
        events.Single(e => e!["title"]!.GetValue<string>() == "Cancelled")!["isDeleted"]!.GetValue<bool>().ShouldBeTrue();
        Json(files["reminders.json"]).AsArray().Select(r => r!["text"]?.GetValue<string>()).ShouldContain("water the plants");
        Json(files["conversations.json"]).AsArray().Single()!["messages"]!.AsArray()
            .Select(m => m!["text"]!.GetValue<string>()).ShouldContain("lunch with Alice tomorrow at noon");
        Json(files["assistant-actions.json"]).AsArray().Count.ShouldBe(1);
        Json(files["voice-records.json"]).AsArray().Single()!["transcript"]!.GetValue<string>().ShouldBe(Transcript);
        files[$"voice/{voiceId}-recording.wav"].ShouldBe(Recording);
        Encoding.UTF8.GetString(files["calendars/2-Work.ics"]).ShouldContain("SUMMARY:Dentist");

        var everything = string.Join('\n', files.Values.Select(Encoding.UTF8.GetString));
        everything.ShouldNotContain(WebhookSecret);
        everything.ShouldNotContain("PBKDF2", Case.Insensitive);
        everything.ShouldNotContain("passwordHash", Case.Insensitive);
        everything.ShouldNotContain("secret", Case.Insensitive);
        (await AuditAsync(host)).ShouldContain(a => a.Kind == AuditEventKind.DataExported && a.UserId == ann.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeleteMyAccount_ErasesEveryRowOfTheUser_SoftDeletedOnesToo_AndLeavesOtherUsersIntact(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider, EncryptionKey);
        var ann = await host.RegisterAsync("ann@example.com");
        var bob = await host.RegisterAsync("bob@example.com");
        await FillAsync(host, ann);
        await FillAsync(host, bob);
        var annBefore = await RowsOfAsync(host, ann);
        var bobBefore = await RowsOfAsync(host, bob);
        annBefore.Where(t => t.Value == 0).Select(t => t.Key).ShouldBeEmpty("the test data should fill every table");

        var refused = await Should.ThrowAsync<ValidationException>(host.SendAsync(new DeleteMyAccountCommand("bob@example.com"), ann));
        refused.Failures.Single().Field.ShouldBe("confirm");
        (await RowsOfAsync(host, ann)).ShouldBe(annBefore);

        var erased = await host.SendAsync(new DeleteMyAccountCommand(" Ann@Example.com "), ann);

        erased.ShouldBe(annBefore.Values.Sum());
        (await RowsOfAsync(host, ann)).Values.ShouldAllBe(count => count == 0);
        (await RowsOfAsync(host, bob)).ShouldBe(bobBefore);
        var audit = await AuditAsync(host);
        var deleted = audit.Where(a => a.Kind == AuditEventKind.AccountDeleted).ShouldHaveSingleItem();
        deleted.UserId.ShouldBe(ann.Id);
        deleted.Details.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeleteUser_IsForAdministrators_AndAnUnknownUserIsNotFound(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var root = await host.SendAsync(new RegisterUserCommand("root@example.com", "correct horse battery", "Root", null, AsAdmin: true));
        var ann = await host.RegisterAsync("ann@example.com");
        var bob = await host.RegisterAsync("bob@example.com");

        await Should.ThrowAsync<ForbiddenException>(host.SendAsync(new DeleteUserCommand(bob.Id), ann));
        await Should.ThrowAsync<NotFoundException>(host.SendAsync(new DeleteUserCommand(UserId.New()), root));
        (await host.SendAsync(new DeleteUserCommand(bob.Id), root)).ShouldBeGreaterThan(0);

        await using var scope = host.CreateScope();
        var emails = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Users.Select(u => u.Email).ToListAsync();
        emails.ShouldBe(["root@example.com", "ann@example.com"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AuditRetention_ErasesEventsOlderThanTheRetentionOnly(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider, [new("Audit:RetentionDays", "30")]);
        var log = host.Services.GetRequiredService<IAuditLog>();
        await log.RecordAsync(AuditEventKind.LoginFailed, details: "old");
        host.Clock.Advance(TimeSpan.FromDays(20));
        await log.RecordAsync(AuditEventKind.LoginFailed, details: "recent");
        host.Clock.Advance(TimeSpan.FromDays(11));

        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AuditRetention>().SweepAsync(CancellationToken.None)).ShouldBe(1);
        }

        (await AuditAsync(host)).Select(a => a.Details).ShouldBe(["recent"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DataProtection_TwoInstancesOnOneDatabase_UnprotectEachOthersPayloads(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = await UseCaseHost.StartAsync(database, null, ownsDatabase: false);
        await using var second = await UseCaseHost.StartAsync(database, null, ownsDatabase: false);
        var one = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("privacy-test");
        var two = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("privacy-test");

        var fromFirst = one.Protect("from the first instance");
        two.Unprotect(fromFirst).ShouldBe("from the first instance");
        one.Unprotect(two.Protect("from the second instance")).ShouldBe("from the second instance");

        await using var scope = first.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().DataProtectionKeys.CountAsync()).ShouldBe(1);
    }

    /// <summary>Data of every kind for <paramref name="user"/>; returns the id of the voice record (which keeps its recording).</summary>
    private static async Task<VoiceRecordId> FillAsync(UseCaseHost host, UserDto user)
    {
        var start = Instant.FromUtc(2026, 12, 1, 9, 0);
        var work = await host.SendAsync(new CreateCalendarCommand("Work"), user);
        await host.SendAsync(new CreateEventCommand("Dentist", new EventTimeInput(start, start + Duration.FromHours(1)), work.Id, Description: "Dr. Who"), user);
        var cancelled = await host.SendAsync(new CreateEventCommand("Cancelled", new EventTimeInput(start + Duration.FromDays(1), start + Duration.FromDays(1) + Duration.FromHours(1))), user);
        await host.SendAsync(new DeleteEventCommand(cancelled.Id), user);
        var old = await host.SendAsync(new CreateCalendarCommand("Old"), user);
        await host.SendAsync(new CreateEventCommand("In a deleted calendar", new EventTimeInput(start + Duration.FromDays(2), start + Duration.FromDays(2) + Duration.FromHours(1)), old.Id), user);
        await host.SendAsync(new DeleteCalendarCommand(old.Id), user);
        await host.SendAsync(new CreateReminderCommand("water the plants", InMinutes: 60), user);
        await host.SendAsync(new SendMessageCommand("lunch with Alice tomorrow at noon"), user);
        await host.SendAsync(new SetReminderWebhookCommand($"https://hooks.example.com/{user.DisplayName}", WebhookSecret), user);
        await host.SendAsync(new SetAgendaBriefingCommand(new LocalTime(7, 30)), user);

        await using var scope = host.CreateScope(user);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var encryption = scope.ServiceProvider.GetRequiredService<IDataEncryption>();
        var now = host.Clock.GetCurrentInstant();
        var id = VoiceRecordId.New();
        var record = VoiceRecord.Create(id, user.Id, null, "pocketsphinx", 2.5, encryption.EncryptText(Transcript, VoiceCipher.Transcript(id)), now, now + Duration.FromDays(30));
        record.KeepAudio(encryption.Encrypt(Recording, VoiceCipher.Audio(id)), "audio/wav", now + Duration.FromDays(1));
        db.VoiceRecords.Add(record);
        db.LlmUsage.Add(new LlmUsageRecord { Id = Guid.NewGuid(), UserId = user.Id, Provider = "p", Model = "m", PromptVersion = "v", Month = "2026-11", Requests = 1 });
        await db.SaveChangesAsync();

        var subject = user.Id.Value.ToString();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var authorization = await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            Subject = subject,
            Status = OpenIddictConstants.Statuses.Valid,
            Type = OpenIddictConstants.AuthorizationTypes.Permanent,
        });
        await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CreateAsync(new OpenIddictTokenDescriptor
        {
            Subject = subject,
            Type = OpenIddictConstants.TokenTypeIdentifiers.RefreshToken,
            Status = OpenIddictConstants.Statuses.Valid,
            AuthorizationId = await authorizations.GetIdAsync(authorization),
            ExpirationDate = DateTimeOffset.UtcNow.AddDays(1),
        });
        return id;
    }

    /// <summary>Rows per table that belong to <paramref name="user"/>, soft-deleted ones included.</summary>
    private static async Task<Dictionary<string, int>> RowsOfAsync(UseCaseHost host, UserDto user)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var id = user.Id;
        var subject = id.Value.ToString();
        return new Dictionary<string, int>
        {
            ["users"] = await db.Users.CountAsync(u => u.Id == id),
            ["calendars"] = await db.Calendars.IgnoreQueryFilters().CountAsync(c => c.OwnerId == id),
            ["events"] = await db.Events.IgnoreQueryFilters().CountAsync(e => e.OwnerId == id),
            ["reminders"] = await db.Reminders.CountAsync(r => r.OwnerId == id),
            ["conversations"] = await db.Conversations.CountAsync(c => c.OwnerId == id),
            ["conversation_turns"] = await db.Set<ConversationTurn>().CountAsync(t => db.Conversations.Any(c => c.Id == t.ConversationId && c.OwnerId == id)),
            ["assistant_actions"] = await db.AssistantActions.CountAsync(a => a.OwnerId == id),
            ["reminder_webhooks"] = await db.ReminderWebhooks.CountAsync(w => w.Id == id),
            ["agenda_briefings"] = await db.AgendaBriefings.CountAsync(b => b.Id == id),
            ["voice_records"] = await db.VoiceRecords.CountAsync(v => v.OwnerId == id),
            ["llm_usage"] = await db.LlmUsage.CountAsync(u => u.UserId == id),
            ["openiddict_tokens"] = await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Subject == subject),
            ["openiddict_authorizations"] = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().CountAsync(a => a.Subject == subject),
        };
    }

    private static async Task<List<AuditEvent>> AuditAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEvents.AsNoTracking().OrderBy(a => a.At).ToListAsync();
    }

    private static Dictionary<string, byte[]> ReadZip(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static JsonNode Json(byte[] file) => JsonNode.Parse(file)!;
}
