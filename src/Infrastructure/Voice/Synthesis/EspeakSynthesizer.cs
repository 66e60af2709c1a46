using System.Buffers.Binary;
using System.Text;
using CleanAssistant.Application.Voice;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Synthesis;

/// <summary>
/// The local voice: <c>espeak-ng --stdout</c> reads the text (UTF-8) from stdin and writes a WAV; for
/// Ogg/Opus, <c>ffmpeg</c> encodes that WAV. Needs no network.
/// </summary>
internal sealed class EspeakSynthesizer(IOptions<SpeechSynthesisOptions> options) : ISpeechSynthesizer
{
    public const string EngineName = "espeak-ng";

    public string Name => EngineName;

    public async Task<SpeechAudio> SynthesizeAsync(string text, SpeechAudioFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = options.Value;
        var input = Encoding.UTF8.GetBytes(SpokenText.Clean(text, settings.MaxCharacters));
        try
        {
            // -b 1: the input is UTF-8; no -m, so markup in the text is read out, not obeyed.
            var wav = await ProcessPipe.RunAsync(settings.EspeakPath, ["--stdout", "-b", "1", "-v", settings.EspeakVoice], input, settings.Timeout, cancellationToken);
            if (wav.Length < 44 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8))
            {
                throw new SpeechEngineException(Name, "espeak-ng wrote no WAV", transient: false);
            }

            FixWavSizes(wav);
            if (format == SpeechAudioFormat.Wav)
            {
                return new SpeechAudio(wav, SpeechContentTypes.Wav, format);
            }

            var ogg = await ProcessPipe.RunAsync(
                settings.FfmpegPath,
                ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "wav", "-i", "pipe:0", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", "pipe:1"],
                wav,
                settings.Timeout,
                cancellationToken);
            return ogg.AsSpan().StartsWith("OggS"u8)
                ? new SpeechAudio(ogg, SpeechContentTypes.OggOpus, format)
                : throw new SpeechEngineException(Name, "ffmpeg wrote no Ogg stream", transient: false);
        }
        catch (ProcessPipeException exception)
        {
            throw new SpeechEngineException(Name, exception.Message, transient: false, exception);
        }
    }

    /// <summary>espeak-ng streams, so its header claims an unknown (huge) length; players and browsers want the real one.</summary>
    private static void FixWavSizes(byte[] wav)
    {
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(position + 4));
            if (wav.AsSpan(position, 4).SequenceEqual("data"u8))
            {
                BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(position + 4), wav.Length - position - 8);
                return;
            }

            if (size < 0)
            {
                return;
            }

            position += 8 + size + (size & 1);
        }
    }
}

/// <summary>The MIME types replies are spoken in.</summary>
public static class SpeechContentTypes
{
    public const string Wav = "audio/wav";

    public const string OggOpus = "audio/ogg; codecs=opus";
}

/// <summary>Text as an engine should get it: no control characters (invalid in XML, noise to espeak), bounded length.</summary>
internal static class SpokenText
{
    public static string Clean(string text, int maxCharacters)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxCharacters));
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > maxCharacters)
            {
                break;
            }

            if (Rune.IsControl(rune))
            {
                builder.Append(' ');
            }
            else if (!rune.IsBmp || System.Xml.XmlConvert.IsXmlChar((char)rune.Value))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString().Trim();
    }
}
