using System.Reflection;
using NetArchTest.Rules;

namespace CleanAssistant.WebApi.Tests.Architecture;

/// <summary>DESIGN.md's one rule: dependencies point inward only (WebApi/Cli → Infrastructure → Application → Domain).</summary>
public sealed class DependencyRuleTests
{
    private static readonly Assembly Domain = typeof(CleanAssistant.Domain.Common.DomainException).Assembly;
    private static readonly Assembly Application = typeof(CleanAssistant.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(CleanAssistant.Infrastructure.DependencyInjection).Assembly;

    private static readonly string[] FrameworksOutsideTheCore =
    [
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Npgsql",
        "Microsoft.Data.Sqlite",
        "OpenIddict",
        "StackExchange.Redis",
        "GraphQL",
    ];

    [Fact]
    public void TheAssembliesUnderTestAreTheProductsOwn()
    {
        Domain.GetName().Name.ShouldBe("CleanAssistant.Domain");
        Application.GetName().Name.ShouldBe("CleanAssistant.Application");
        Infrastructure.GetName().Name.ShouldBe("CleanAssistant.Infrastructure");
        Types.InAssembly(Domain).GetTypes().Count().ShouldBeGreaterThan(5);
    }

    [Fact]
    public void Domain_DependsOnNoOtherLayer_AndNoFramework()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny(["CleanAssistant.Application", "CleanAssistant.Infrastructure", "CleanAssistant.WebApi", "CleanAssistant.Cli", "Mediator", "FluentValidation", .. FrameworksOutsideTheCore])
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(Offenders(result));
    }

    [Fact]
    public void Application_DependsOnlyOnTheDomain()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny(["CleanAssistant.Infrastructure", "CleanAssistant.WebApi", "CleanAssistant.Cli", .. FrameworksOutsideTheCore])
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(Offenders(result));
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnTheHosts()
    {
        var result = Types.InAssembly(Infrastructure).ShouldNot()
            .HaveDependencyOnAny(["CleanAssistant.WebApi", "CleanAssistant.Cli", "GraphQL"])
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(Offenders(result));
    }

    [Fact]
    public void TheCoreAssemblies_ReferenceNoForbiddenAssembly()
    {
        // NetArchTest reads types; this reads the assembly manifest too, so an unused reference cannot sneak in.
        foreach (var assembly in new[] { Domain, Application })
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
            references.ShouldNotContain(name => FrameworksOutsideTheCore.Any(f => name.StartsWith(f, StringComparison.Ordinal)), $"{assembly.GetName().Name}: {string.Join(", ", references)}");
        }
    }

    [Fact]
    public void Handlers_AreSealed_AndLiveBesideTheirMessages()
    {
        var result = Types.InAssembly(Application).That().HaveNameEndingWith("Handler").And().AreClasses().Should().BeSealed().And().BePublic().GetResult();

        result.IsSuccessful.ShouldBeTrue(Offenders(result));
    }

    private static string Offenders(TestResult result) =>
        "offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
