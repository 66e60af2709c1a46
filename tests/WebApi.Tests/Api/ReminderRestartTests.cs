using System.Globalization;
using System.Net.Http.Headers;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>A reminder survives the server being killed between scheduling and due time, and is delivered once.</summary>
public sealed class ReminderRestartTests
{
    [Fact]
    public async Task AReminder_ScheduledBeforeTheServerIsKilled_IsMailedOnceByTheNextServer()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var keys = Path.Combine(Path.GetTempPath(), $"cleanassistant-keys-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Identity:KeysDirectory"] = keys,
            ["Security:PasswordHashing:Iterations"] = "10000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Reminders:Smtp:Host"] = "127.0.0.1",
            ["Reminders:Smtp:Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Reminders:Smtp:Security"] = "None",
        };
        try
        {
            var first = await WebApiProcess.StartAsync(settings);
            using (var http = new HttpClient { BaseAddress = first.Address })
            {
                await http.GraphQLAsync("mutation { registerUser(input: { email: \"ann@example.com\", password: \"correct horse battery\", displayName: \"Ann\", timeZone: \"Europe/Berlin\" }) { errors { code } } }");
                var tokens = await http.RequestTokensAsync(new()
                {
                    ["grant_type"] = "password",
                    ["client_id"] = ApiFactory.ClientId,
                    ["username"] = "ann@example.com",
                    ["password"] = "correct horse battery",
                    ["scope"] = "api",
                });
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
                var due = DateTimeOffset.UtcNow.AddSeconds(20).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var created = await http.GraphQLAsync($"mutation {{ createReminder(input: {{ text: \"call Bob\", dueAt: \"{due}\" }}) {{ errors {{ code message }} }} }}");
                created["data"]!["createReminder"]!["errors"]!.AsArray().ShouldBeEmpty(first.Output);
            }

            await first.DisposeAsync(); // SIGKILL: no graceful shutdown
            smtp.ReceivedEmailCount.ShouldBe(0);

            await using var second = await WebApiProcess.StartAsync(settings);
            var deadline = DateTime.UtcNow.AddSeconds(150);
            while (smtp.ReceivedEmailCount == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            smtp.ReceivedEmailCount.ShouldBe(1, second.Output);
            smtp.ReceivedEmail[0].Headers["Subject"].ShouldBe("Reminder: call Bob");

            // The start-up re-fill, the scheduled job and the sweeper all know it: still exactly one mail.
            await Task.Delay(TimeSpan.FromSeconds(5));
            smtp.ReceivedEmailCount.ShouldBe(1);
        }
        finally
        {
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
    }
}
