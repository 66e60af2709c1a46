using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CleanAssistant.Application.Reminders.CreateReminder;
using CleanAssistant.Application.Reminders.SetReminderWebhook;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Reminders;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Infrastructure.Tests.Reminders;

public sealed class ReminderWebhookTests
{
    private const string Secret = "a-long-enough-shared-secret";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DueReminder_IsPostedToTheUsersWebhook_SignedWithTheirSecret(DatabaseProvider provider)
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = ReceiveOneAsync(listener);

        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        (await host.SendAsync(new SetReminderWebhookCommand($"http://127.0.0.1:{port}/hook/", Secret), ann)).ShouldNotBeNull();
        var reminder = await host.SendAsync(new CreateReminderCommand("Call Bob", InMinutes: 30), ann);
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ReminderDelivery>().DeliverAsync(reminder.Id, CancellationToken.None)).ShouldBeTrue();
        }

        var (body, signature) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        signature.ShouldBe(ReminderWebhookSender.Sign(Secret, body));
        signature.ShouldNotBe(ReminderWebhookSender.Sign("another-secret-of-length", body));
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("text").GetString().ShouldBe("Call Bob");
        json.RootElement.GetProperty("reminderId").GetGuid().ShouldBe(reminder.Id.Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetReminderWebhook_RefusesAShortSecretAndABadUrl(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        await Should.ThrowAsync<Application.Common.Exceptions.ValidationException>(() => host.SendAsync(new SetReminderWebhookCommand("https://example.com/hook", "short"), ann));
        (await Should.ThrowAsync<Domain.Common.DomainException>(() => host.SendAsync(new SetReminderWebhookCommand("ftp://example.com/hook", Secret), ann))).Code.ShouldBe("INVALID_WEBHOOK_URL");
        (await host.SendAsync(new SetReminderWebhookCommand(null, null), ann)).ShouldBeNull();
    }

    private static async Task<(byte[] Body, string? Signature)> ReceiveOneAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer);
        var signature = context.Request.Headers[ReminderWebhookSender.SignatureHeader];
        context.Response.StatusCode = 204;
        context.Response.Close();
        return (buffer.ToArray(), signature);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
