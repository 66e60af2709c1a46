namespace CleanAssistant.Infrastructure.Voice.Audio;

/// <summary>An audio container we read, with the ffmpeg demuxer forced for it (so ffmpeg never guesses a format itself).</summary>
internal sealed record AudioFormat(string Name, string Demuxer, string Label)
{
    public static readonly AudioFormat Wav = new("wav", "wav", "WAV");
    public static readonly AudioFormat Mp3 = new("mp3", "mp3", "MP3");
    public static readonly AudioFormat Aac = new("aac", "aac", "AAC (ADTS)");
    public static readonly AudioFormat Mp4 = new("mp4", "mov", "M4A/MP4");
    public static readonly AudioFormat Flac = new("flac", "flac", "FLAC");
    public static readonly AudioFormat Ogg = new("ogg", "ogg", "Ogg");
    public static readonly AudioFormat WebM = new("webm", "matroska", "WebM/Matroska");
}

/// <summary>Tells the format of an upload from its first bytes (magic numbers), never from its name or MIME type.</summary>
internal static class AudioFormatSniffer
{
    /// <summary>Bytes <see cref="Detect"/> needs to see (fewer are fine when the upload is shorter).</summary>
    public const int HeadLength = 16;

    public static AudioFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return AudioFormat.Wav;
        }

        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return AudioFormat.Mp4;
        }

        if (head.StartsWith("fLaC"u8))
        {
            return AudioFormat.Flac;
        }

        if (head.StartsWith("OggS"u8))
        {
            return AudioFormat.Ogg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return AudioFormat.WebM;
        }

        // An ID3v2 tag (version 2–4, then flags and a "syncsafe" size whose bytes are all below 0x80) leads most MP3 files.
        if (head.Length >= 10 && head.StartsWith("ID3"u8) && head[3] is >= 2 and <= 4
            && head[6] < 0x80 && head[7] < 0x80 && head[8] < 0x80 && head[9] < 0x80)
        {
            return AudioFormat.Mp3;
        }

        return head.Length >= 4 ? FrameSync(head) : null;
    }

    /// <summary>An MPEG audio frame header (11 sync bits, then valid version, layer, bitrate and sample rate) or an ADTS (AAC) one.</summary>
    private static AudioFormat? FrameSync(ReadOnlySpan<byte> head)
    {
        if (head[0] != 0xFF || (head[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        var version = (head[1] >> 3) & 0b11;
        var layer = (head[1] >> 1) & 0b11;
        var bitrate = head[2] >> 4;
        var sampleRate = (head[2] >> 2) & 0b11;
        if (layer == 0)
        {
            // ADTS: 12 sync bits (MPEG-4 or MPEG-2 AAC), then a sampling index below 13.
            return (head[1] & 0xF6) == 0xF0 && ((head[2] >> 2) & 0x0F) < 13 ? AudioFormat.Aac : null;
        }

        return version != 0b01 && bitrate != 0x0F && sampleRate != 0b11 ? AudioFormat.Mp3 : null;
    }
}
