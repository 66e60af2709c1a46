using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>
/// The bundled adaptation of Debian's en-us acoustic model (MAP-adapted Gaussians and mixture weights, made by
/// <c>tools/voice/adapt-acoustic-model.sh</c> from synthetic voices in noisy, reverberant rooms; see
/// docs/voice-recognition.md). Only the adapted parameters ship, compressed in the assembly; the model definition,
/// front-end parameters and noise dictionary come from the base model, which must be the one they were adapted from.
/// </summary>
internal static class AdaptedAcousticModel
{
    private const string ResourcePrefix = "CleanAssistant.Infrastructure.Voice.PocketSphinx.Adaptation.";

    /// <summary>The parameters the adaptation replaces.</summary>
    private static readonly string[] AdaptedFiles = ["means", "variances", "sendump", "transition_matrices"];

    /// <summary>What is taken from the base model as it is.</summary>
    private static readonly string[] SharedFiles = ["mdef", "feat.params", "noisedict"];

    /// <summary>SHA-256 of the model definition (<c>mdef</c>) the adaptation was made for: Debian's pocketsphinx-en-us 0.8+5prealpha.</summary>
    internal const string BaseModelDefinitionSha256 = "2360f9a86889c1cfee8bd618a0269387911e5fb2920a594f506b18b8c79683b0";

    /// <summary>
    /// The adapted model as a directory under <paramref name="parent"/>, written once per content (the name carries
    /// the hash of the bundled parameters, so engines and processes share it and a new version gets a new folder); null
    /// when <paramref name="baseModel"/> is not the model the adaptation belongs to.
    /// </summary>
    public static string? Prepare(string baseModel, string parent)
    {
        var mdef = Path.Combine(baseModel, "mdef");
        if (!File.Exists(mdef) || !string.Equals(Sha256(mdef), BaseModelDefinitionSha256, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var resources = AdaptedFiles.ToDictionary(name => name, ReadResource);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in AdaptedFiles)
        {
            hash.AppendData(resources[name]);
        }

        var directory = Path.Combine(parent, "en-us-adapted-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16]);
        if (AdaptedFiles.Concat(SharedFiles).All(f => File.Exists(Path.Combine(directory, f))))
        {
            return directory;
        }

        Directory.CreateDirectory(directory);
        foreach (var (name, compressed) in resources)
        {
            // Each file under its final name only once complete.
            WriteAtomically(Path.Combine(directory, name), target =>
            {
                using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
                gzip.CopyTo(target);
            });
        }

        foreach (var name in SharedFiles)
        {
            WriteAtomically(Path.Combine(directory, name), target =>
            {
                using var source = File.OpenRead(Path.Combine(baseModel, name));
                source.CopyTo(target);
            });
        }

        return directory;
    }

    private static byte[] ReadResource(string name)
    {
        using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name + ".gz")
            ?? throw new InvalidOperationException($"The adapted acoustic model's {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Written to a file of its own and moved into place: another process preparing the same model never sees half a file.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var target = File.Create(temporary))
        {
            write(target);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
