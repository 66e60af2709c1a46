using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Reminders;
using CleanAssistant.Domain.Users;
using FluentValidation;
using Mediator;

namespace CleanAssistant.Application.Reminders.SetReminderWebhook;

/// <summary>
/// Posts the caller's due reminders to <paramref name="Url"/> as well, signed with <paramref name="Secret"/>
/// (header <c>X-CleanAssistant-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>); a null URL turns it off.
/// Returns the URL now in use.
/// </summary>
public sealed record SetReminderWebhookCommand(string? Url, string? Secret) : ICommand<string?>, IRequireUser;

public sealed class SetReminderWebhookCommandValidator : AbstractValidator<SetReminderWebhookCommand>
{
    public SetReminderWebhookCommandValidator()
    {
        RuleFor(c => c.Url).MaximumLength(ReminderWebhook.MaxUrlLength);
        RuleFor(c => c.Secret).NotEmpty().Length(ReminderWebhook.MinSecretLength, ReminderWebhook.MaxSecretLength).When(c => c.Url is not null);
    }
}

public sealed class SetReminderWebhookCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IDataEncryption encryption, TimeProvider timeProvider)
    : ICommandHandler<SetReminderWebhookCommand, string?>
{
    public async ValueTask<string?> Handle(SetReminderWebhookCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var now = timeProvider.GetCurrentInstant();
        var webhook = await db.ReminderWebhooks.Where(w => w.Id == owner).FirstOrDefaultAsync(cancellationToken);
        if (command.Url is null)
        {
            webhook?.Disable(now);
            return null;
        }

        ReminderWebhook.CheckSecret(command.Secret);
        var secret = encryption.EncryptText(command.Secret!, WebhookCipher.Secret(owner));
        if (webhook is null)
        {
            db.Add(ReminderWebhook.Create(owner, command.Url, secret, now));
        }
        else
        {
            webhook.Change(command.Url, secret, now);
        }

        return command.Url;
    }
}

/// <summary>The encryption context of a webhook's secret: it decrypts only as that user's webhook secret.</summary>
public static class WebhookCipher
{
    public static string Secret(UserId owner) => $"webhook:{owner}:secret";
}
