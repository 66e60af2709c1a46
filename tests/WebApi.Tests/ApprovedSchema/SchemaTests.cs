using CleanAssistant.WebApi.GraphQL;
using CleanAssistant.WebApi.Tests.Support;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAssistant.WebApi.Tests.ApprovedSchema;

/// <summary>Schema changes are deliberate: the SDL must match the approved file, and everything is described.</summary>
public sealed class SchemaTests
{
    private static readonly string ApprovedPath = Path.Combine(FindTestsFolder(), "ApprovedSchema", "schema.approved.graphql");

    [Fact]
    public async Task Schema_MatchesTheApprovedSdl()
    {
        await using var api = await ApiFactory.CreateAsync();
        var sdl = Print(api.Services.GetRequiredService<AppSchema>());

        var approved = File.Exists(ApprovedPath) ? await File.ReadAllTextAsync(ApprovedPath) : string.Empty;
        if (approved != sdl)
        {
            await File.WriteAllTextAsync(Path.ChangeExtension(ApprovedPath, ".received.graphql"), sdl);
        }

        sdl.ShouldBe(approved, "The schema changed. If that was intended, copy ApprovedSchema/schema.approved.received.graphql over schema.approved.graphql.");
    }

    [Fact]
    public async Task EveryTypeFieldAndArgument_HasADescription()
    {
        await using var api = await ApiFactory.CreateAsync();
        var schema = api.Services.GetRequiredService<AppSchema>();
        schema.Initialize();

        var missing = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && t is not ScalarGraphType { Name: "String" or "Int" or "Boolean" or "ID" or "Float" }))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                    {
                        missing.Add($"{type.Name}.{field.Name}");
                    }

                    missing.AddRange(field.Arguments?.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{type.Name}.{field.Name}({a.Name})") ?? []);
                }
            }

            if (type is EnumerationGraphType enumeration)
            {
                missing.AddRange(enumeration.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)).Select(v => $"{type.Name}.{v.Name}"));
            }
        }

        missing.ShouldBeEmpty();
    }

    private static string Print(ISchema schema) => schema.Print(new PrintOptions { IncludeDescriptions = true }).ReplaceLineEndings("\n");

    private static string FindTestsFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WebApi.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("WebApi.Tests.csproj not found above the test output.");
    }
}
