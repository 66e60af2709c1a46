using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using CleanAssistant.Application.Voice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>
/// The local speech engine: CMU PocketSphinx (Debian's libpocketsphinx.so.3) with a command language model
/// generated from the interpreter's grammar and the user's phrases. Decoders are pooled: each holds a copy of
/// the acoustic model and serves one recognition at a time.
/// </summary>
public sealed partial class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    public const string EngineName = "pocketsphinx";

    /// <summary>0.3 s of silence put before and after the audio.</summary>
    private const int Padding = PcmAudio.StandardRate * 3 / 10;

    private readonly PocketSphinxOptions _options;
    private readonly ILogger<PocketSphinxRecognizer> _logger;
    private readonly Lazy<DomainModels?> _models;
    private readonly Lazy<string> _acousticModel;
    private readonly ConcurrentBag<Decoder> _idle = [];
    private readonly SemaphoreSlim _slots;
    private bool _disposed;

    public PocketSphinxRecognizer(IOptions<PocketSphinxOptions> options, ILogger<PocketSphinxRecognizer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxDecoders, _options.MaxDecoders);
        _models = new Lazy<DomainModels?>(() => _options.LanguageModel == PocketSphinxLanguageModel.Domain ? BuildModels() : null);
        _acousticModel = new Lazy<string>(ChooseAcousticModel);
    }

    public string Name => EngineName;

    public async Task<Transcript> RecognizeAsync(PcmAudio audio, RecognitionHints hints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(hints);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (audio.SampleRate != PcmAudio.StandardRate)
        {
            throw new SpeechEngineException(Name, $"expects {PcmAudio.StandardRate} Hz audio, got {audio.SampleRate} Hz", transient: false);
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Decoder? decoder = null;
        try
        {
            return await Task.Run(
                () =>
                {
                    var models = _models.Value;
                    var model = models?.For(hints.Phrases);
                    decoder = _idle.TryTake(out var pooled) ? pooled : CreateDecoder(models);
                    return decoder.Decode(audio, model, cancellationToken);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException or IOException)
        {
            decoder?.Dispose();
            decoder = null;
            LogFailed(exception);
            throw new SpeechEngineException(Name, exception.Message, transient: false, exception);
        }
        finally
        {
            if (decoder is not null)
            {
                if (decoder.Broken || _disposed)
                {
                    decoder.Dispose();
                }
                else
                {
                    _idle.Add(decoder);
                }
            }

            _slots.Release();
        }
    }

    /// <summary>Builds the command model and starts one decoder, so the first request does not pay for them.</summary>
    public void WarmUp()
    {
        var models = _models.Value;
        _idle.Add(CreateDecoder(models));
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var decoder))
        {
            decoder.Dispose();
        }

        _slots.Dispose();
        if (_models.IsValueCreated && _models.Value is { IsOwnDirectory: true } models)
        {
            try
            {
                Directory.Delete(models.Directory, recursive: true);
            }
            catch (IOException)
            {
                // Still in use by a decoder being torn down elsewhere: the temp folder is cleaned by the system.
            }
        }
    }

    private DomainModels BuildModels()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var models = new DomainModels(_options);
        LogModelBuilt(models.Directory, started.ElapsedMilliseconds);
        return models;
    }

    /// <summary>The bundled adaptation when asked for and made for the configured base model; the base model otherwise.</summary>
    private string ChooseAcousticModel()
    {
        if (_options.AcousticAdaptation == PocketSphinxAcousticAdaptation.None)
        {
            return _options.AcousticModel;
        }

        var parent = string.IsNullOrWhiteSpace(_options.WorkDirectory)
            ? DomainModels.TempRoot
            : _options.WorkDirectory;
        var adapted = AdaptedAcousticModel.Prepare(_options.AcousticModel, parent);
        if (adapted is null)
        {
            LogAdaptationNotForModel(_options.AcousticModel);
            return _options.AcousticModel;
        }

        return adapted;
    }

    private Decoder CreateDecoder(DomainModels? models)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["hmm"] = _acousticModel.Value,
            ["dict"] = models?.DictionaryPath ?? _options.Dictionary,
            ["lm"] = models?.Base.Path ?? _options.GenericLanguageModel,
            ["samprate"] = "16000",
            ["logfn"] = "/dev/null",
            ["topn"] = Number(_options.TopGaussians),
            ["beam"] = Number(_options.Beam),
            ["pbeam"] = Number(_options.Beam),
            ["wbeam"] = Number(_options.WordBeam),
        };
        if (models is not null)
        {
            arguments["lw"] = Number(_options.LanguageWeight);
            arguments["wip"] = Number(_options.WordInsertionPenalty);
        }

        foreach (var (name, value) in _options.DecoderArguments)
        {
            arguments[name.TrimStart('-')] = value;
        }

        using var config = PocketSphinxNative.ParseConfig([.. arguments.SelectMany(a => new[] { "-" + a.Key, a.Value })]);
        var pointer = PocketSphinxNative.PsInit(config);
        if (pointer == IntPtr.Zero)
        {
            throw new InvalidOperationException("PocketSphinx could not start a decoder (check Voice:PocketSphinx model paths).");
        }

        return new Decoder(new DecoderHandle(pointer), DomainModels.DefaultSearch, _options.MaxHintModelsPerDecoder);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "PocketSphinx command model built in {Directory} in {ElapsedMs} ms")]
    private partial void LogModelBuilt(string directory, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bundled acoustic adaptation was made for another model than {AcousticModel}: that model is used as it is (set Voice:PocketSphinx:AcousticAdaptation to None to silence this)")]
    private partial void LogAdaptationNotForModel(string acousticModel);

    [LoggerMessage(Level = LogLevel.Error, Message = "PocketSphinx failed")]
    private partial void LogFailed(Exception exception);

    /// <summary>One decoder and the language models it has loaded (searches by name).</summary>
    private sealed class Decoder(DecoderHandle handle, string baseSearch, int maxSearches) : IDisposable
    {
        private readonly HashSet<string> _searches = new(StringComparer.Ordinal);
        private string? _current;

        public bool Broken { get; private set; }

        public Transcript Decode(PcmAudio audio, LanguageModelFile? model, CancellationToken cancellationToken)
        {
            Use(model);
            if (PocketSphinxNative.PsStartUtt(handle) < 0)
            {
                Broken = true;
                throw new InvalidOperationException("PocketSphinx could not start an utterance.");
            }

            var ended = false;
            try
            {
                Feed(audio.Samples.Span, cancellationToken);
                ended = true;
                PocketSphinxNative.PsEndUtt(handle);
            }
            finally
            {
                if (!ended)
                {
                    PocketSphinxNative.PsEndUtt(handle);
                }
            }

            var hypothesis = Marshal.PtrToStringUTF8(PocketSphinxNative.PsGetHyp(handle, out _)) ?? "";
            var text = string.Join(' ', hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !IsFiller(w)));
            return new Transcript(text, EngineName, text.Length > 0 ? WordConfidence() : null);
        }

        /// <summary>
        /// The mean posterior probability of the words heard (each word's share of the lattice paths through its time):
        /// unlike the whole sentence's posterior it does not shrink with the sentence's length, so one threshold fits
        /// short and long commands.
        /// </summary>
        private double? WordConfidence()
        {
            var logMath = PocketSphinxNative.PsGetLogMath(handle);
            PocketSphinxNative.PsGetProb(handle); // computes the lattice posteriors the words read
            double sum = 0;
            var words = 0;
            for (var segment = PocketSphinxNative.PsSegIter(handle, out _); segment != IntPtr.Zero; segment = PocketSphinxNative.PsSegNext(segment))
            {
                var word = Marshal.PtrToStringUTF8(PocketSphinxNative.PsSegWord(segment)) ?? "";
                if (word.Length == 0 || IsFiller(word))
                {
                    continue;
                }

                sum += Math.Clamp(PocketSphinxNative.LogMathExp(logMath, PocketSphinxNative.PsSegProb(segment, out _, out _, out _)), 0, 1);
                words++;
            }

            return words == 0 ? null : sum / words;
        }

        /// <summary>
        /// The whole utterance at once, between short silences: cepstral mean normalisation then uses this utterance alone
        /// (not the previous caller's), and speech that starts at the first sample keeps its first word.
        /// </summary>
        private unsafe void Feed(ReadOnlySpan<short> samples, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (samples.IsEmpty)
            {
                return;
            }

            var padded = new short[samples.Length + (2 * Padding)];
            samples.CopyTo(padded.AsSpan(Padding));
            fixed (short* start = padded)
            {
                if (PocketSphinxNative.PsProcessRaw(handle, start, (nuint)padded.Length, 0, 1) < 0)
                {
                    Broken = true;
                    throw new InvalidOperationException("PocketSphinx could not process the audio.");
                }
            }
        }

        /// <summary>Silence and noise markers (<c>&lt;sil&gt;</c>, <c>[NOISE]</c>), not words.</summary>
        private static bool IsFiller(string word) => word.StartsWith('<') || word.StartsWith('[');

        private void Use(LanguageModelFile? model)
        {
            var name = model?.Name ?? baseSearch;
            if (name == (_current ?? baseSearch))
            {
                return;
            }

            if (model is not null && name != baseSearch && !_searches.Contains(name))
            {
                if (_searches.Count >= maxSearches)
                {
                    // Too many users' models loaded: this decoder goes back to the base model and is rebuilt after this call.
                    Broken = true;
                }

                foreach (var (word, phones) in model.ExtraWords)
                {
                    if (PocketSphinxNative.PsLookupWord(handle, word) == IntPtr.Zero)
                    {
                        PocketSphinxNative.PsAddWord(handle, word, phones, 0);
                    }
                }

                if (PocketSphinxNative.PsSetLmFile(handle, name, model.Path) < 0)
                {
                    Broken = true;
                    throw new InvalidOperationException("PocketSphinx could not load the language model " + model.Path);
                }

                _searches.Add(name);
            }

            if (PocketSphinxNative.PsSetSearch(handle, name) < 0)
            {
                Broken = true;
                throw new InvalidOperationException("PocketSphinx has no search " + name);
            }

            _current = name;
        }

        public void Dispose() => handle.Dispose();
    }
}
