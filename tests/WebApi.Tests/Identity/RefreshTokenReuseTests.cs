using System.Net;
using CleanAssistant.WebApi.Tests.Support;

namespace CleanAssistant.WebApi.Tests.Identity;

public sealed class RefreshTokenReuseTests
{
    [Fact]
    public async Task ARefreshTokenRedeemedTwice_RevokesTheWholeFamily()
    {
        await using var api = await ApiFactory.CreateAsync();
        var ann = await api.SignUpAsync("ann@example.com");
        using var browser = new OAuthBrowser(api);

        var (first, rotated) = await browser.PostTokenAsync(Refresh(ann.RefreshToken));
        first.ShouldBe(HttpStatusCode.OK, rotated.ToString());
        var r2 = rotated.GetProperty("refresh_token").GetString()!;

        var (reuse, reuseBody) = await browser.PostTokenAsync(Refresh(ann.RefreshToken));
        reuse.ShouldBe(HttpStatusCode.BadRequest);
        reuseBody.GetProperty("error").GetString().ShouldBe("invalid_grant");

        var (afterReuse, afterReuseBody) = await browser.PostTokenAsync(Refresh(r2));
        afterReuse.ShouldBe(HttpStatusCode.BadRequest, "the thief's reuse must also cut off the token the legitimate app now holds");
        afterReuseBody.GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    private static Dictionary<string, string> Refresh(string token) => new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = ApiFactory.ClientId,
        ["refresh_token"] = token,
    };
}
