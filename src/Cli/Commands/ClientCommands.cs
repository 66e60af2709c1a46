using System.CommandLine;
using CleanAssistant.Application.OAuthClients;
using CleanAssistant.Application.OAuthClients.ListClients;
using CleanAssistant.Application.OAuthClients.RegisterClient;
using CleanAssistant.Application.OAuthClients.RemoveClient;
using CleanAssistant.Application.Users.FindUserByEmail;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.Cli.Commands;

/// <summary><c>cleanassistant clients ...</c>: third-party OAuth clients, through the same admin use cases as the API.</summary>
public static class ClientCommands
{
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["displayName"] = "--name",
        ["kind"] = "--type",
        ["redirectUris"] = "--redirect-uri",
        ["grantTypes"] = "--grant",
        ["scopes"] = "--scope",
        ["clientId"] = "client id",
    };

    public static Command Create(CliHost host) =>
        new("clients", "Registers, lists and removes the OAuth clients of third-party apps and services (see docs/oauth.md).")
        {
            Add(host),
            List(host),
            Remove(host),
        };

    private static Option<string> AdminOption() =>
        new("--user") { Description = "E-mail address of an administrator; the command acts as them.", Required = true };

    private static Command Add(CliHost host)
    {
        var user = AdminOption();
        var name = new Option<string>("--name") { Description = "Name users see on the consent page.", Required = true };
        var type = new Option<OAuthClientKind>("--type") { Description = "confidential (a server; gets a secret) or public (an app on the user's device).", Required = true };
        var redirectUris = new Option<string[]>("--redirect-uri") { Description = "A redirect URI (repeat for several); https, or http on loopback only." };
        var grants = new Option<string[]>("--grant") { Description = "An allowed grant type (repeat): authorization_code, refresh_token, client_credentials, device_code.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "An allowed API scope (repeat), e.g. calendar.read." };
        var command = new Command("add", "Registers a client and prints its client id and, for a confidential client, its secret (shown this once only).")
        {
            user, name, type, redirectUris, grants, scopes,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var register = new RegisterClientCommand(
                parseResult.GetRequiredValue(name),
                parseResult.GetRequiredValue(type),
                parseResult.GetValue(redirectUris) ?? [],
                parseResult.GetRequiredValue(grants),
                parseResult.GetValue(scopes) ?? []);
            return host.RunAsync(
                parseResult,
                async (services, ct) =>
                {
                    if (!await ActAsAsync(services, parseResult.GetRequiredValue(user), ct))
                    {
                        return host.Fail(ExitCodes.Rejected, $"there is no user with the e-mail address '{parseResult.GetRequiredValue(user)}'.");
                    }

                    var registered = await services.GetRequiredService<IMediator>().Send(register, ct);
                    var console = host.Console;
                    console.Out.WriteLine($"Registered {registered.Client.Kind.ToString().ToLowerInvariant()} client '{registered.Client.DisplayName}'.");
                    console.Out.WriteLine($"  client id:     {registered.Client.ClientId}");
                    if (registered.ClientSecret is not null)
                    {
                        console.Out.WriteLine($"  client secret: {registered.ClientSecret}");
                        console.Out.WriteLine("  Keep the secret now: it is stored only as a hash and cannot be shown again.");
                    }

                    return ExitCodes.Ok;
                },
                cancellationToken,
                FieldLabels);
        });
        return command;
    }

    private static Command List(CliHost host)
    {
        var user = AdminOption();
        var command = new Command("list", "Lists the registered clients: client id, type, name, grant types, scopes, redirect URIs.") { user };
        command.SetAction((parseResult, cancellationToken) => host.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                if (!await ActAsAsync(services, parseResult.GetRequiredValue(user), ct))
                {
                    return host.Fail(ExitCodes.Rejected, $"there is no user with the e-mail address '{parseResult.GetRequiredValue(user)}'.");
                }

                var clients = await services.GetRequiredService<IMediator>().Send(new ListClientsQuery(), ct);
                foreach (var client in clients)
                {
                    host.Console.Out.WriteLine(
                        $"{client.ClientId}\t{client.Kind.ToString().ToLowerInvariant()}\t{client.DisplayName}\t"
                        + $"{string.Join(',', client.GrantTypes)}\t{string.Join(',', client.Scopes)}\t{string.Join(',', client.RedirectUris)}");
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command Remove(CliHost host)
    {
        var user = AdminOption();
        var clientId = new Argument<string>("client-id") { Description = "The client to remove, with its consents and tokens." };
        var command = new Command("remove", "Removes a client; its refresh tokens stop working at once, its access tokens at their expiry.") { user, clientId };
        command.SetAction((parseResult, cancellationToken) => host.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                if (!await ActAsAsync(services, parseResult.GetRequiredValue(user), ct))
                {
                    return host.Fail(ExitCodes.Rejected, $"there is no user with the e-mail address '{parseResult.GetRequiredValue(user)}'.");
                }

                var removed = await services.GetRequiredService<IMediator>().Send(new RemoveClientCommand(parseResult.GetRequiredValue(clientId)), ct);
                host.Console.Out.WriteLine($"Removed client {removed}.");
                return ExitCodes.Ok;
            },
            cancellationToken,
            FieldLabels));
        return command;
    }

    /// <summary>Looks the administrator up and makes this scope act as them; false when there is no such user.</summary>
    private static async Task<bool> ActAsAsync(IServiceProvider services, string email, CancellationToken cancellationToken)
    {
        var user = await services.GetRequiredService<IMediator>().Send(new FindUserByEmailQuery(email), cancellationToken);
        if (user is null)
        {
            return false;
        }

        services.GetRequiredService<CliCurrentUser>().ActAs(user);
        return true;
    }
}
