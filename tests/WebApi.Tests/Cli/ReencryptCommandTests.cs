using System.Security.Cryptography;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Voice;
using CleanAssistant.Domain.Voice;
using CleanAssistant.Infrastructure;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class ReencryptCommandTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string UnknownKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Reencrypt_AfterANewKeyIsMadeActive_MovesTheVoiceDataToItAndPrintsTheCounts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        (await CliRun.InProcessAsync(new[] { "migrate" }.On(database))).ExitCode.ShouldBe(0);
        (await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "ann@example.com", "--display-name", "Ann", "--password-stdin" }.On(database), stdin: CliRun.Password)).ExitCode.ShouldBe(0);
        var underA = new[] { await StoreAsync(database, Keys("a", ("a", KeyA)), "call Bob"), await StoreAsync(database, Keys("a", ("a", KeyA)), "call Eve") };
        await StoreAsync(database, Keys("x", ("x", UnknownKey)), "call Zoë");
        var rotated = Keys("b", ("a", KeyA), ("b", KeyB));

        var result = await CliRun.InProcessAsync(new[] { "reencrypt" }.On(database), settings: rotated);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("Examined: 3 voice record(s)");
        result.Out.ShouldContain("Re-encrypted: 2");
        result.Out.ShouldContain("Failed: 1");
        await using (var onlyB = Services(database, Keys("b", ("b", KeyB))))
        {
            var encryption = onlyB.GetRequiredService<IDataEncryption>();
            await using var scope = onlyB.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().VoiceRecords.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.Transcript);
            foreach (var (id, text) in underA)
            {
                encryption.DecryptText(stored[id], VoiceCipher.Transcript(id)).ShouldBe(text);
            }
        }

        var again = await CliRun.InProcessAsync(new[] { "reencrypt" }.On(database), settings: rotated);

        again.ExitCode.ShouldBe(0, again.ToString());
        again.Out.ShouldContain("Re-encrypted: 0");
    }

    private static Dictionary<string, string?> Keys(string active, params (string Id, string Key)[] keys)
    {
        var settings = keys.ToDictionary(k => $"Encryption:Keys:{k.Id}", k => (string?)k.Key);
        settings["Encryption:ActiveKeyId"] = active;
        return settings;
    }

    /// <summary>The product's services on <paramref name="database"/> with the encryption keys of <paramref name="keys"/>.</summary>
    private static ServiceProvider Services(TestDatabase database, Dictionary<string, string?> keys)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).AddInMemoryCollection(keys).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>A voice record of the one user, its transcript encrypted under the active key of <paramref name="keys"/>.</summary>
    private static async Task<(VoiceRecordId Id, string Text)> StoreAsync(TestDatabase database, Dictionary<string, string?> keys, string text)
    {
        await using var services = Services(database, keys);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var owner = await db.Users.SingleAsync();
        var id = VoiceRecordId.New();
        var now = SystemClock.Instance.GetCurrentInstant();
        var transcript = services.GetRequiredService<IDataEncryption>().EncryptText(text, VoiceCipher.Transcript(id));
        db.VoiceRecords.Add(VoiceRecord.Create(id, owner.Id, null, "pocketsphinx", 1.5, transcript, now, now + Duration.FromDays(30)));
        await db.SaveChangesAsync();
        return (id, text);
    }
}
