namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_ListsTheCommandsTheDatabaseOptionsAndTheExitCodes()
    {
        var result = await CliRun.InProcessAsync(["--help"]);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("migrate");
        result.Out.ShouldContain("user");
        result.Out.ShouldContain("reencrypt");
        result.Out.ShouldContain("--connection-string");
        result.Out.ShouldContain("--database-provider");
        result.Out.ShouldContain("Exit codes:");
        result.Out.ShouldContain("3  input rejected");
    }

    [Fact]
    public async Task UserCreateHelp_DescribesEveryOptionAndOffersNoPasswordArgument()
    {
        var result = await CliRun.InProcessAsync(["user", "create", "--help"]);

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var option in new[] { "--email", "--display-name", "--time-zone", "--admin", "--password-stdin" })
        {
            result.Out.ShouldContain(option);
        }

        result.Out.ShouldNotContain("--password ");
        result.Out.ShouldContain("Exit codes:");
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var result = await CliRun.InProcessAsync(["--version"]);

        result.ExitCode.ShouldBe(0);
        result.Out.Trim().ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("user create --display-name Ann")]
    [InlineData("migrate --database-provider Oracle")]
    public async Task BadCommandLine_ExitsWithTheUsageCode(string commandLine)
    {
        var result = await CliRun.InProcessAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldNotBeEmpty();
    }
}
