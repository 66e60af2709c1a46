using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Reminders.SetReminderWebhook;
using CleanAssistant.Domain.Reminders;

namespace CleanAssistant.Infrastructure.Reminders;

/// <summary>
/// Posts a due reminder as JSON to the user's webhook. The body is signed with the user's secret:
/// <c>X-CleanAssistant-Signature: sha256=&lt;lower-case hex HMAC-SHA256 of the exact body bytes&gt;</c>.
/// </summary>
internal sealed class ReminderWebhookSender(HttpClient http, IDataEncryption encryption)
{
    public const string SignatureHeader = "X-CleanAssistant-Signature";

    public async Task SendAsync(ReminderWebhook webhook, ReminderDue due, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "reminder.due",
            reminderId = due.ReminderId.Value,
            text = due.Text,
            eventId = due.EventId?.Value,
            occurrenceStart = due.OccurrenceStart?.ToString("g", CultureInfo.InvariantCulture),
            dueAt = due.DueAt.ToString("g", CultureInfo.InvariantCulture),
        });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = content };
        request.Headers.Add(SignatureHeader, Sign(encryption.DecryptText(webhook.SecretCiphertext, WebhookCipher.Secret(webhook.Id)), body));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
