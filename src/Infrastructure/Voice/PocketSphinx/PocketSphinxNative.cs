using System.Runtime.InteropServices;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>The few functions of Debian's libpocketsphinx.so.3 / libsphinxbase.so.3 (0.8+5prealpha) the recogniser calls.</summary>
internal static partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinx, EntryPoint = "ps_args")]
    internal static partial IntPtr PsArgs();

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_parse_r")]
    internal static partial IntPtr CmdLnParse(IntPtr config, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    internal static partial int CmdLnFree(IntPtr config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_init")]
    internal static partial IntPtr PsInit(ConfigHandle config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_free")]
    internal static partial int PsFree(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_start_utt")]
    internal static partial int PsStartUtt(DecoderHandle decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_process_raw")]
    internal static unsafe partial int PsProcessRaw(DecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_end_utt")]
    internal static partial int PsEndUtt(DecoderHandle decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_hyp")]
    internal static partial IntPtr PsGetHyp(DecoderHandle decoder, out int bestScore);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_prob")]
    internal static partial int PsGetProb(DecoderHandle decoder);

    /// <summary>The words of the best hypothesis (null when there is none). Older builds also write the best score through the second argument.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_iter")]
    internal static partial IntPtr PsSegIter(DecoderHandle decoder, out int bestScore);

    /// <summary>The next word, or null at the end (the iterator is then freed).</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_next")]
    internal static partial IntPtr PsSegNext(IntPtr segment);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_word")]
    internal static partial IntPtr PsSegWord(IntPtr segment);

    /// <summary>The word's log posterior probability in the lattice (after <see cref="PsGetProb"/>).</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_prob")]
    internal static partial int PsSegProb(IntPtr segment, out int acousticScore, out int languageScore, out int languageBackoff);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_logmath")]
    internal static partial IntPtr PsGetLogMath(DecoderHandle decoder);

    [LibraryImport(SphinxBase, EntryPoint = "logmath_exp")]
    internal static partial double LogMathExp(IntPtr logMath, int logValue);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_add_word", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PsAddWord(DecoderHandle decoder, string word, string phones, int update);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_lookup_word", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr PsLookupWord(DecoderHandle decoder, string word);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_set_lm_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PsSetLmFile(DecoderHandle decoder, string name, string path);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_set_jsgf_string", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PsSetJsgfString(DecoderHandle decoder, string name, string grammar);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PsSetSearch(DecoderHandle decoder, string name);

    /// <summary>Parses decoder arguments (<c>-hmm DIR -lm FILE …</c>) into a configuration the decoder keeps a reference to.</summary>
    internal static ConfigHandle ParseConfig(IReadOnlyList<string> arguments)
    {
        var argv = new IntPtr[arguments.Count];
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                argv[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            var config = CmdLnParse(IntPtr.Zero, PsArgs(), argv.Length, argv, 1);
            if (config == IntPtr.Zero)
            {
                throw new InvalidOperationException("PocketSphinx rejected its arguments: " + string.Join(' ', arguments));
            }

            return new ConfigHandle(config);
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}

/// <summary>A <c>cmd_ln_t</c> (reference counted; the decoder retains its own reference).</summary>
internal sealed class ConfigHandle : SafeHandle
{
    public ConfigHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal ConfigHandle(IntPtr handle)
        : this() => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        // Reference counted: the count left (0 once freed).
        return PocketSphinxNative.CmdLnFree(handle) >= 0;
    }
}

/// <summary>A <c>ps_decoder_t</c>: not thread-safe, one utterance at a time.</summary>
internal sealed class DecoderHandle : SafeHandle
{
    public DecoderHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal DecoderHandle(IntPtr handle)
        : this() => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        return PocketSphinxNative.PsFree(handle) >= 0;
    }
}
