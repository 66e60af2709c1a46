using System.Globalization;
using System.Text.Json;
using CleanAssistant.Application.Interpretation;
using Microsoft.Extensions.AI;
using NodaTime.Text;

namespace CleanAssistant.Infrastructure.Interpretation;

/// <summary>
/// One versioned prompt: the system text (<c>Prompts/{version}.md</c>, with <c>{{now}}</c>, <c>{{weekday}}</c>,
/// <c>{{zone}}</c>, <c>{{offset}}</c>) and the tools the model may call (<c>Prompts/{version}.tools.json</c>),
/// both embedded in this assembly so a deployment cannot lose them.
/// </summary>
internal sealed class PromptTemplate
{
    private const string ResourcePrefix = "CleanAssistant.Infrastructure.Interpretation.Prompts.";

    private static readonly LocalDateTimePattern NowPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    private readonly string _system;

    private PromptTemplate(string version, string system, IReadOnlyList<ToolSchema> tools)
    {
        Version = version;
        _system = system;
        Tools = tools;
        Declarations = tools.Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.Parameters)).ToList();
    }

    /// <summary>The prompt's name and version, as recorded with usage: <c>interpret.v1</c>.</summary>
    public string Version { get; }

    public IReadOnlyList<ToolSchema> Tools { get; }

    /// <summary>The tools as Microsoft.Extensions.AI declarations, for <see cref="ChatOptions.Tools"/>.</summary>
    public IReadOnlyList<AITool> Declarations { get; }

    /// <summary>The versions embedded in this build.</summary>
    public static IReadOnlyList<string> Versions { get; } = typeof(PromptTemplate).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".md".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static bool Exists(string version) => Versions.Contains(version, StringComparer.Ordinal);

    public static PromptTemplate Load(string version)
    {
        if (!Exists(version))
        {
            throw new InvalidOperationException($"There is no prompt '{version}' (known: {string.Join(", ", Versions)}).");
        }

        var system = Read($"{version}.md");
        using var tools = JsonDocument.Parse(Read($"{version}.tools.json"));
        var schemas = tools.RootElement.GetProperty("tools").EnumerateArray()
            .Select(t => new ToolSchema(t.GetProperty("name").GetString()!, t.GetProperty("description").GetString()!, t.GetProperty("parameters").Clone()))
            .ToList();
        return new PromptTemplate(version, system, schemas);
    }

    /// <summary>The system prompt for one request: the user's now, weekday, zone and current offset filled in.</summary>
    public string Render(InterpretationRequest request)
    {
        var offset = request.Now.InZoneLeniently(request.Zone).Offset;
        return _system
            .Replace("{{now}}", NowPattern.Format(request.Now), StringComparison.Ordinal)
            .Replace("{{weekday}}", request.Now.DayOfWeek.ToString(), StringComparison.Ordinal)
            .Replace("{{zone}}", request.Zone.Id, StringComparison.Ordinal)
            .Replace("{{offset}}", offset.ToString("m", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public ToolSchema? Tool(string name) => Tools.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private static string Read(string name)
    {
        using var stream = typeof(PromptTemplate).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The prompt resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One tool: its name, what it is for, and the JSON schema of its argument object.</summary>
internal sealed record ToolSchema(string Name, string Description, JsonElement Parameters);
