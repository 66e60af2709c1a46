using System.Security.Cryptography;
using System.Text;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Reminders.SetReminderWebhook;
using CleanAssistant.Domain.Users;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Security;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Tests.Reminders;

/// <summary>Reminder webhook secrets at rest: encrypted when set, encrypted at start when an older version left them in plain text, re-encrypted after a key rotation.</summary>
public sealed class WebhookSecretEncryptionTests
{
    private const string Secret = "a-long-enough-shared-secret";
    private const string LegacySecret = "stored-before-encryption-42";
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSecret_IsStoredEncrypted_AndNoColumnHoldsItInPlainText(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        await host.SendAsync(new SetReminderWebhookCommand("https://example.com/hook", Secret), ann);

        var row = await RowAsync(host);
        row.Values.ShouldNotContain(v => v.Contains(Secret, StringComparison.Ordinal));
        row["Secret"].ShouldBeEmpty();
        var encryption = host.Services.GetRequiredService<IDataEncryption>();
        encryption.DecryptText(await CiphertextAsync(host, ann.Id), WebhookCipher.Secret(ann.Id)).ShouldBe(Secret);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASecretLeftInPlainText_IsEncryptedAtTheNextStart(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        UserId owner;
        await using (var before = await UseCaseHost.StartAsync(database, null, ownsDatabase: false))
        {
            var ann = await before.RegisterAsync();
            owner = ann.Id;
            await before.SendAsync(new SetReminderWebhookCommand("https://example.com/hook", Secret), ann);
            await using var scope = before.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

            // As a version before encryption stored it.
            await db.Database.ExecuteSqlAsync($"UPDATE reminder_webhooks SET \"Secret\" = {LegacySecret}, \"SecretCiphertext\" = {Array.Empty<byte>()}");
        }

        await using var after = await UseCaseHost.StartAsync(database, null, ownsDatabase: false);

        (await RowAsync(after))["Secret"].ShouldBeEmpty();
        var encryption = after.Services.GetRequiredService<IDataEncryption>();
        encryption.DecryptText(await CiphertextAsync(after, owner), WebhookCipher.Secret(owner)).ShouldBe(LegacySecret);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AfterRotation_TheReencryptionMovesTheSecretToTheNewKey(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        UserId owner;
        await using (var before = await UseCaseHost.StartAsync(database, EncryptionKeys.Settings("a", ("a", KeyA)), ownsDatabase: false))
        {
            var ann = await before.RegisterAsync();
            owner = ann.Id;
            await before.SendAsync(new SetReminderWebhookCommand("https://example.com/hook", Secret), ann);
        }

        await using var after = await UseCaseHost.StartAsync(database, EncryptionKeys.Settings("b", ("a", KeyA), ("b", KeyB)), ownsDatabase: false);
        var first = await ReencryptAsync(after);
        var second = await ReencryptAsync(after);

        first.WebhookSecrets.ShouldBe(new ReencryptionResult(Examined: 1, Reencrypted: 1, Failed: 0));
        second.WebhookSecrets.ShouldBe(new ReencryptionResult(Examined: 1, Reencrypted: 0, Failed: 0));
        EncryptionKeys.With("b", ("b", KeyB)).DecryptText(await CiphertextAsync(after, owner), WebhookCipher.Secret(owner)).ShouldBe(Secret);
    }

    private static async Task<ReencryptionReport> ReencryptAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Reencryption>().RunAsync(CancellationToken.None);
    }

    private static async Task<byte[]> CiphertextAsync(UseCaseHost host, UserId owner)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().ReminderWebhooks.AsNoTracking()
            .Where(w => w.Id == owner).Select(w => w.SecretCiphertext).SingleAsync();
    }

    /// <summary>The only webhook's row as the database holds it: each column as text (bytes as UTF-8 too), null as empty.</summary>
    private static async Task<Dictionary<string, string>> RowAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM reminder_webhooks";
        await using var reader = await command.ExecuteReaderAsync();
        var row = new Dictionary<string, string>(StringComparer.Ordinal);
        (await reader.ReadAsync()).ShouldBeTrue();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        }

        (await reader.ReadAsync()).ShouldBeFalse("one user, one webhook");
        return row;
    }
}
