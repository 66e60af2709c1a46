using System.Diagnostics;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Cli;
using CleanAssistant.Infrastructure;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CliProgram = CleanAssistant.Cli.Program;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>cleanassistant</c> in-process (its real command tree and composition) or as a child process.</summary>
public static class CliRun
{
    public const string Password = "correct horse battery";

    /// <summary>
    /// In-process, with <paramref name="stdin"/> as standard input (redirected, as in a pipe) or, when
    /// <paramref name="terminalAnswers"/> is given, as a terminal that answers the prompts in turn.
    /// </summary>
    public static async Task<CliResult> InProcessAsync(
        string[] args,
        string stdin = "",
        Queue<string?>? terminalAnswers = null,
        List<string>? prompts = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var console = new CliConsole(
            input,
            output,
            error,
            isInputRedirected: terminalAnswers is null,
            readSecret: prompt =>
            {
                prompts?.Add(prompt);
                return terminalAnswers!.Dequeue();
            });
        var exitCode = await CliProgram.RunAsync(args, console, settings);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The options that point the CLI at <paramref name="database"/>.</summary>
    public static string[] On(this string[] args, TestDatabase database) =>
        [.. args, "--database-provider", database.Provider.ToString(), "--connection-string", database.ConnectionString];

    /// <summary>
    /// <c>dotnet cleanassistant.dll ...</c> from the test's output folder (the Cli project reference
    /// puts it there), in <paramref name="workingDirectory"/>, with <paramref name="stdin"/> piped in.
    /// </summary>
    public static async Task<CliResult> ChildProcessAsync(
        string[] args, string workingDirectory, IReadOnlyDictionary<string, string> environment, string? stdin = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "cleanassistant.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing: the test project must reference src/Cli");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cleanassistant {string.Join(' ', args)} did not finish in 90 s");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>The product's own services on <paramref name="database"/>, to look at what the CLI did.</summary>
    public static ServiceProvider InspectionServices(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    public static async Task<T> InspectAsync<T>(TestDatabase database, Func<ApplicationDbContext, IPasswordHasher, Task<T>> inspect)
    {
        await using var services = InspectionServices(database);
        await using var scope = services.CreateAsyncScope();
        return await inspect(
            scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(),
            scope.ServiceProvider.GetRequiredService<IPasswordHasher>());
    }
}
