using System.ComponentModel.DataAnnotations;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>Which language model the local engine decodes with.</summary>
public enum PocketSphinxLanguageModel
{
    /// <summary>A command language model generated from the interpreter's grammar plus the user's phrases (the default).</summary>
    Domain,

    /// <summary>The generic en-us model shipped with the acoustic model (for comparison; ignores hints).</summary>
    Generic,
}

/// <summary>Which acoustic model the local engine uses on top of <see cref="PocketSphinxOptions.AcousticModel"/>.</summary>
public enum PocketSphinxAcousticAdaptation
{
    /// <summary>
    /// The adaptation shipped with the product (the default): the en-us model MAP-adapted to synthetic voices at
    /// several speeds in noisy, reverberant rooms. Used only when <c>AcousticModel</c> is the model it was made from.
    /// </summary>
    Bundled,

    /// <summary><c>AcousticModel</c> as it is (the stock model, or one you adapted to your speakers yourself).</summary>
    None,
}

/// <summary>The local speech engine (section <c>Voice:PocketSphinx</c>). Defaults are Debian's package paths.</summary>
public sealed class PocketSphinxOptions
{
    public const string SectionName = "Voice:PocketSphinx";

    /// <summary>The acoustic model directory (mdef, means, …).</summary>
    [Required]
    public string AcousticModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    /// <summary>The pronunciation dictionary (CMU phones).</summary>
    [Required]
    public string Dictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>The generic language model, used when <see cref="LanguageModel"/> is <c>Generic</c>.</summary>
    [Required]
    public string GenericLanguageModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    public PocketSphinxLanguageModel LanguageModel { get; set; } = PocketSphinxLanguageModel.Domain;

    public PocketSphinxAcousticAdaptation AcousticAdaptation { get; set; } = PocketSphinxAcousticAdaptation.Bundled;

    /// <summary>Where the generated model and dictionary are written; empty: a folder under the system's temp directory.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>espeak-ng, to pronounce the user's words the dictionary lacks; empty: a letter-to-sound guess.</summary>
    public string? Espeak { get; set; } = "espeak-ng";

    /// <summary>Decoders kept (one per concurrent recognition; each holds its own copy of the acoustic model).</summary>
    [Range(1, 64)]
    public int MaxDecoders { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How many times the command templates are filled to make the corpus (more: larger, slower to build).</summary>
    [Range(10, 5_000)]
    public int CorpusRounds { get; set; } = 300;

    /// <summary>The share of unigram probability given to everyday English words, so words outside the commands can be heard.</summary>
    [Range(0.0, 0.9)]
    public double BackgroundWeight { get; set; } = 0.05;

    /// <summary>The decoder's language weight (<c>-lw</c>).</summary>
    [Range(1.0, 30.0)]
    public double LanguageWeight { get; set; } = 6.5;

    /// <summary>The word insertion penalty (<c>-wip</c>).</summary>
    [Range(1e-10, 1.0)]
    public double WordInsertionPenalty { get; set; } = 0.65;

    /// <summary>Gaussians scored per frame (<c>-topn</c>): more than the default 4 helps with synthetic and noisy voices.</summary>
    [Range(1, 64)]
    public int TopGaussians { get; set; } = 16;

    /// <summary>Search beams (<c>-beam</c>/<c>-pbeam</c>, <c>-wbeam</c>): wider than PocketSphinx's defaults, for accuracy over speed.</summary>
    [Range(1e-300, 1e-10)]
    public double Beam { get; set; } = 1e-80;

    [Range(1e-300, 1e-10)]
    public double WordBeam { get; set; } = 1e-60;

    /// <summary>Further decoder arguments by name without the dash (<c>"dither": "yes"</c>); they override the ones above.</summary>
    public Dictionary<string, string> DecoderArguments { get; set; } = [];

    /// <summary>Distinct hint sets a decoder keeps loaded before it is rebuilt.</summary>
    [Range(1, 256)]
    public int MaxHintModelsPerDecoder { get; set; } = 16;
}
