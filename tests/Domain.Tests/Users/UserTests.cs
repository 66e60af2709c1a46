using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using static CleanAssistant.Domain.Tests.Builders;

namespace CleanAssistant.Domain.Tests.Users;

public class UserTests
{
    [Fact]
    public void Register_KeepsDetailsAndStartsAtVersionOne()
    {
        var user = User.Register("alice@example.com", "  Alice  ", "hash", Berlin, UserRole.User, Now);

        user.Email.ShouldBe("alice@example.com");
        user.DisplayName.ShouldBe("Alice");
        user.PasswordHash.ShouldBe("hash");
        user.TimeZone.ShouldBe(Berlin);
        user.CreatedAt.ShouldBe(Now);
        user.Version.ShouldBe(1);
    }

    [Theory]
    [InlineData("  Alice@Example.COM ")]
    [InlineData("ALICE@EXAMPLE.COM")]
    [InlineData("\talice@example.com\n")]
    public void Register_NormalisesEmailToTrimmedLowerCase(string email)
    {
        AUser(email).Email.ShouldBe("alice@example.com");
    }

    [Fact]
    public void NormalizeEmail_MatchesWhatRegisterStores()
    {
        User.NormalizeEmail(" Bob@Example.org ").ShouldBe(AUser(" Bob@Example.org ").Email);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice.example.com")]
    public void Register_WithoutAtSign_IsRefused(string email)
    {
        var error = Should.Throw<DomainException>(() => AUser(email));

        error.Code.ShouldBe("INVALID_EMAIL");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_WithBlankEmail_IsRefused(string email)
    {
        var error = Should.Throw<DomainException>(() => AUser(email));

        error.Code.ShouldBe("REQUIRED");
    }

    [Fact]
    public void Register_WithEmailOverTheLimit_IsRefused()
    {
        var email = new string('a', User.MaxEmailLength - "@example.com".Length + 1) + "@example.com";

        var error = Should.Throw<DomainException>(() => AUser(email));

        error.Code.ShouldBe("TOO_LONG");
    }

    [Fact]
    public void Register_WithBlankDisplayName_IsRefused()
    {
        var error = Should.Throw<DomainException>(() => User.Register("alice@example.com", " ", "hash", Berlin, UserRole.User, Now));

        error.Code.ShouldBe("REQUIRED");
    }

    [Theory]
    [InlineData(UserRole.User)]
    [InlineData(UserRole.Admin)]
    public void Register_KeepsTheGivenRole(UserRole role)
    {
        AUser(role: role).Role.ShouldBe(role);
    }

    [Fact]
    public void Register_RaisesUserRegistered()
    {
        var user = AUser();

        user.DomainEvents.ShouldBe([new UserRegistered(user.Id)]);
    }

    [Fact]
    public void MakeAdmin_PromotesAndBumpsVersion()
    {
        var user = AUser();

        user.MakeAdmin();

        user.Role.ShouldBe(UserRole.Admin);
        user.Version.ShouldBe(2);
    }

    [Fact]
    public void ChangePasswordHash_ReplacesHashAndBumpsVersion()
    {
        var user = AUser();

        user.ChangePasswordHash("new-hash");

        user.PasswordHash.ShouldBe("new-hash");
        user.Version.ShouldBe(2);
    }

    [Fact]
    public void ChangePasswordHash_ToBlank_IsRefused()
    {
        var user = AUser();

        Should.Throw<DomainException>(() => user.ChangePasswordHash("")).Code.ShouldBe("REQUIRED");
        user.PasswordHash.ShouldBe("hash");
    }
}
