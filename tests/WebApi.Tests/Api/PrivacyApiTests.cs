using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAssistant.Application.Users.RegisterUser;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using CleanAssistant.WebApi.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.WebApi.Tests.Api;

/// <summary>The audit log of sign-ins, the data export over HTTP, and account deletion as a client sees them.</summary>
public sealed class PrivacyApiTests
{
    private const string WrongPassword = "not the right password";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIns_AreAudited_WithoutPasswordsEmailsOrTokens_AndAdminsCanReadTheLog(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var ann = await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient();
        foreach (var (user, password) in new[] { ("ann@example.com", WrongPassword), ("nobody@example.com", ApiFactory.Password) })
        {
            using var refused = await client.PostAsync("/connect/token", Password(user, password));
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEvents.AsNoTracking().ToListAsync();
            rows.Count(a => a.Kind == AuditEventKind.LoginFailed).ShouldBe(2);
            rows.ShouldContain(a => a.Kind == AuditEventKind.LoginSucceeded && a.UserId != null && a.ClientId == ApiFactory.ClientId);
            rows.ShouldContain(a => a.Kind == AuditEventKind.TokenGranted && a.Details!.Contains("offline_access", StringComparison.Ordinal));
            var stored = string.Join('\n', rows.Select(a => $"{a.UserId} {a.ClientId} {a.IpAddress} {a.Details}"));
            foreach (var secret in new[] { ApiFactory.Password, WrongPassword, "ann@example.com", "nobody@example.com", ann.AccessToken, ann.RefreshToken })
            {
                stored.ShouldNotContain(secret);
            }
        }

        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterUserCommand("root@example.com", ApiFactory.Password, "Root", null, AsAdmin: true));
        }

        var tokens = await client.RequestTokensAsync(new() { ["grant_type"] = "password", ["client_id"] = ApiFactory.ClientId, ["username"] = "root@example.com", ["password"] = ApiFactory.Password });
        using var admin = api.CreateClient(new ApiUser("root@example.com", tokens.GetProperty("access_token").GetString()!, string.Empty));
        var failed = await admin.GraphQLAsync("{ auditEvents(first: 10, kind: LOGIN_FAILED) { nodes { kind clientId details } pageInfo { hasNextPage } } }");
        failed.ErrorCode().ShouldBeNull();
        failed["data"]!["auditEvents"]!["nodes"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>()).ShouldBe(["LOGIN_FAILED", "LOGIN_FAILED"]);
        using var annClient = api.CreateClient(ann);
        (await annClient.GraphQLAsync("{ auditEvents { nodes { kind } } }")).ErrorCode().ShouldBe("FORBIDDEN");
    }

    [Fact]
    public async Task DeleteMyAccount_WantsTheEmail_ThenTheAccountIsGone_AndItsTokensAndPasswordAreRefused()
    {
        await using var api = await ApiFactory.CreateAsync();
        var ann = await api.SignUpAsync("ann@example.com");
        var bob = await api.SignUpAsync("bob@example.com");
        using var client = api.CreateClient(ann);

        var url = (await client.GraphQLAsync("{ dataExportUrl }"))["data"]!["dataExportUrl"]!.GetValue<string>();
        using (var export = await client.GetAsync(new Uri(url, UriKind.Relative)))
        {
            export.StatusCode.ShouldBe(HttpStatusCode.OK);
            export.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
            using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
            zip.Entries.Select(e => e.FullName).ShouldContain("profile.json");
        }

        const string Delete = "mutation($confirm: String!) { deleteMyAccount(confirm: $confirm) { deleted errors { code field message } } }";
        var wrong = await client.GraphQLAsync(Delete, new { confirm = "bob@example.com" });
        wrong["data"]!["deleteMyAccount"]!["deleted"]!.GetValue<bool>().ShouldBeFalse();
        wrong["data"]!["deleteMyAccount"]!["errors"]![0]!["field"]!.GetValue<string>().ShouldBe("confirm");
        (await client.GraphQLAsync("{ me { email } }")).ErrorCode().ShouldBeNull();

        var deleted = await client.GraphQLAsync(Delete, new { confirm = "ann@example.com" });
        deleted["data"]!["deleteMyAccount"]!["deleted"]!.GetValue<bool>().ShouldBeTrue();

        (await client.GraphQLAsync("{ me { email } }")).ErrorCode().ShouldBe("UNAUTHENTICATED");
        (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var anonymous = api.CreateClient();
        using (var refresh = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ApiFactory.ClientId,
            ["refresh_token"] = ann.RefreshToken,
        })))
        {
            refresh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("invalid_grant");
        }

        using (var password = await anonymous.PostAsync("/connect/token", Password("ann@example.com", ApiFactory.Password)))
        {
            password.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using var bobClient = api.CreateClient(bob);
        (await bobClient.GraphQLAsync("{ me { email } }"))["data"]!["me"]!["email"]!.GetValue<string>().ShouldBe("bob@example.com");
    }

    [Fact]
    public async Task Revocation_IsAudited_WithTheTokensUser_AndARevokedAccessTokenIsRefusedAtOnce()
    {
        await using var api = await ApiFactory.CreateAsync();
        var ann = await api.SignUpAsync("ann@example.com");
        using var client = api.CreateClient();

        using var revoked = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ApiFactory.ClientId,
            ["token"] = ann.RefreshToken,
            ["token_type_hint"] = "refresh_token",
        }));

        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var annId = (await db.Users.SingleAsync()).Id;
        var audit = await db.AuditEvents.AsNoTracking().Where(a => a.Kind == AuditEventKind.TokenRevoked).ToListAsync();
        audit.ShouldHaveSingleItem().UserId.ShouldBe(annId);
        audit[0].Details.ShouldBe("hint=refresh_token");

        using var annClient = api.CreateClient(ann);
        (await annClient.GraphQLAsync("{ me { email } }")).ErrorCode().ShouldBeNull();
        using var revokedAccess = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ApiFactory.ClientId,
            ["token"] = ann.AccessToken,
        }));
        revokedAccess.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await annClient.GraphQLAsync("{ me { email } }")).ErrorCode().ShouldBe("UNAUTHENTICATED", "a revoked access token is refused at once");
    }

    private static FormUrlEncodedContent Password(string user, string password) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password",
        ["client_id"] = ApiFactory.ClientId,
        ["username"] = user,
        ["password"] = password,
    });
}
