using System.Net;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.WebApi.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.WebApi.Tests.Identity;

public sealed class ClientRegistrationTests
{
    private const string Register = """
        mutation($input: RegisterOAuthClientInput!) {
          registerOAuthClient(input: $input) { client { clientId displayName kind redirectUris grantTypes scopes } clientSecret errors { code field message } }
        }
        """;

    [Fact]
    public async Task AnAdmin_RegistersAServiceClient_WhoseSecretWorksOnce_ThenListsAndRemovesIt()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var admin = await AdminAsync(api);

        var result = await admin.GraphQLAsync(Register, new
        {
            input = new { displayName = "Reports", kind = "CONFIDENTIAL", grantTypes = new[] { "client_credentials" }, scopes = new[] { "calendar.freebusy" } },
        });
        var payload = result["data"]!["registerOAuthClient"]!;
        payload["errors"]!.AsArray().ShouldBeEmpty(result.ToJsonString());
        var clientId = payload["client"]!["clientId"]!.GetValue<string>();
        var secret = payload["clientSecret"]!.GetValue<string>();

        using var browser = new OAuthBrowser(api);
        var (status, tokens) = await browser.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        });
        status.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        tokens.GetProperty("scope").GetString().ShouldBe("calendar.freebusy");

        var listed = await admin.GraphQLAsync("{ oauthClients { clientId kind grantTypes scopes } }");
        var clients = listed["data"]!["oauthClients"]!.AsArray();
        clients.Count.ShouldBe(1, "the first-party client is not listed");
        clients[0]!["clientId"]!.GetValue<string>().ShouldBe(clientId);
        clients[0]!["kind"]!.GetValue<string>().ShouldBe("CONFIDENTIAL");

        var removed = await admin.GraphQLAsync(
            "mutation($input: RemoveOAuthClientInput!) { removeOAuthClient(input: $input) { deletedId errors { code } } }", new { input = new { clientId } });
        removed["data"]!["removeOAuthClient"]!["deletedId"]!.GetValue<string>().ShouldBe(clientId);
        var (afterRemoval, _) = await browser.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        });
        afterRemoval.ShouldBe(HttpStatusCode.Unauthorized);

        var audit = await admin.GraphQLAsync("{ auditEvents(first: 50) { nodes { kind clientId details } } }");
        var changes = audit["data"]!["auditEvents"]!["nodes"]!.AsArray()
            .Where(n => n!["kind"]!.GetValue<string>() is "CLIENT_REGISTERED" or "CLIENT_REMOVED").ToList();
        changes.Select(n => n!["kind"]!.GetValue<string>()).ShouldBe(["CLIENT_REMOVED", "CLIENT_REGISTERED"], "newest first");
        changes.ShouldAllBe(n => n!["clientId"]!.GetValue<string>() == clientId);
        audit.ToJsonString().ShouldNotContain(secret, customMessage: "the audit log never holds a secret");
    }

    [Fact]
    public async Task ARegisteredPublicClient_CanRunTheCodeFlow()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var admin = await AdminAsync(api);
        await api.SignUpAsync("ann@example.com");
        var result = await admin.GraphQLAsync(Register, new
        {
            input = new
            {
                displayName = "Sync",
                kind = "PUBLIC",
                redirectUris = new[] { OAuthBrowser.RedirectUri },
                grantTypes = new[] { "authorization_code", "refresh_token" },
                scopes = new[] { "calendar.read" },
            },
        });
        var payload = result["data"]!["registerOAuthClient"]!;
        payload["clientSecret"].ShouldBeNull();
        var clientId = payload["client"]!["clientId"]!.GetValue<string>();
        using var browser = new OAuthBrowser(api);
        var (verifier, challenge) = OAuthBrowser.NewPkce();

        var code = OAuthBrowser.Query(await browser.AuthorizeAsync(clientId, "openid offline_access calendar.read", "ann@example.com", challenge))["code"];
        var (status, tokens) = await browser.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = OAuthBrowser.RedirectUri,
            ["code_verifier"] = verifier,
        });

        status.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        tokens.TryGetProperty("refresh_token", out _).ShouldBeTrue();

        var audit = await admin.GraphQLAsync("{ auditEvents(first: 50) { nodes { kind clientId details } } }");
        var kinds = audit["data"]!["auditEvents"]!["nodes"]!.AsArray().Select(n => (Kind: n!["kind"]!.GetValue<string>(), Client: n["clientId"]?.GetValue<string>())).ToList();
        kinds.ShouldContain(("LOGIN_SUCCEEDED", (string?)null), "the login page's sign-in");
        kinds.ShouldContain(("CONSENT_GRANTED", clientId));
        kinds.ShouldContain(("TOKEN_GRANTED", clientId), "the code exchanged for tokens");
    }

    [Fact]
    public async Task BadRegistrations_ComeBackAsValidationErrors()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var admin = await AdminAsync(api);

        var result = await admin.GraphQLAsync(Register, new
        {
            input = new
            {
                displayName = "Bad",
                kind = "PUBLIC",
                redirectUris = new[] { "http://app.example.com/callback" },
                grantTypes = new[] { "authorization_code", "client_credentials", "password" },
                scopes = new[] { "everything" },
            },
        });

        var errors = result["data"]!["registerOAuthClient"]!["errors"]!.AsArray();
        errors.Select(e => e!["code"]!.GetValue<string>()).Distinct().ShouldBe(["VALIDATION"]);
        var fields = errors.Select(e => e!["field"]?.GetValue<string>() ?? string.Empty).ToList();
        fields.ShouldContain(f => f.StartsWith("redirectUris", StringComparison.Ordinal));
        fields.ShouldContain(f => f.StartsWith("grantTypes", StringComparison.Ordinal));
        fields.ShouldContain(f => f.StartsWith("scopes", StringComparison.Ordinal));
        fields.ShouldContain("kind");
    }

    [Fact]
    public async Task ANonAdmin_IsForbidden()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var ann = api.CreateClient(await api.SignUpAsync("ann@example.com"));

        var register = await ann.GraphQLAsync(Register, new
        {
            input = new { displayName = "Reports", kind = "CONFIDENTIAL", grantTypes = new[] { "client_credentials" } },
        });
        var list = await ann.GraphQLAsync("{ oauthClients { clientId } }");

        register.ErrorCode().ShouldBe("FORBIDDEN");
        list.ErrorCode().ShouldBe("FORBIDDEN");
    }

    private static async Task<HttpClient> AdminAsync(ApiFactory api)
    {
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterUserCommand("root@example.com", ApiFactory.Password, "Root", null, AsAdmin: true));
        }

        using var client = api.CreateClient();
        var tokens = await client.RequestTokensAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = ApiFactory.ClientId,
            ["username"] = "root@example.com",
            ["password"] = ApiFactory.Password,
        });
        return api.CreateClient(new ApiUser("root@example.com", tokens.GetProperty("access_token").GetString()!, string.Empty));
    }
}
