using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CleanAssistant.Application.Voice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Audio;

/// <summary>
/// Decodes uploads with the ffmpeg executable into 16 kHz mono PCM. The format is found from the first bytes before
/// ffmpeg runs, and ffmpeg is told that format (it never probes). The upload is spooled to a private temp file while its
/// size is checked (MP4 needs a seekable input: its index often sits at the end), and ffmpeg writes raw samples to
/// its stdout, capped just past the duration limit. A decode that runs too long or is cancelled is killed with its
/// process tree, and the process is always reaped.
/// </summary>
internal sealed partial class FfmpegAudioDecoder : IAudioDecoder, IDisposable
{
    /// <summary>Decoded audio a little longer than the limit is still accepted (resampler padding, rounding).</summary>
    private static readonly TimeSpan DurationTolerance = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(10);

    private const int StderrKept = 2048;

    private readonly AudioOptions _options;
    private readonly ILogger<FfmpegAudioDecoder> _logger;
    private readonly SemaphoreSlim _slots;

    public FfmpegAudioDecoder(IOptions<AudioOptions> options, ILogger<FfmpegAudioDecoder> logger)
    {
        _options = options.Value;
        _logger = logger;
        var slots = _options.MaxConcurrentDecodes > 0 ? _options.MaxConcurrentDecodes : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(slots, slots);
    }

    public void Dispose() => _slots.Dispose();

    public async Task<DecodedAudio> DecodeAsync(Stream input, AudioLimits limits, CancellationToken cancellationToken)
    {
        limits = Tighter(limits, _options.Limits);
        if (input.CanSeek && input.Length - input.Position > limits.MaxBytes)
        {
            throw TooLarge(limits);
        }

        var head = new byte[AudioFormatSniffer.HeadLength];
        var headLength = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
        {
            throw new AudioException("AUDIO_EMPTY", "The audio is empty (no bytes were sent).");
        }

        if (headLength > limits.MaxBytes)
        {
            throw TooLarge(limits);
        }

        var format = AudioFormatSniffer.Detect(head.AsSpan(0, headLength))
            ?? throw new AudioException("AUDIO_UNSUPPORTED", "This is not audio in a supported format: send WAV, MP3, M4A/AAC, FLAC, OGG/Opus or WebM/Opus.");

        await using var spool = OpenSpool();
        await spool.WriteAsync(head.AsMemory(0, headLength), cancellationToken);
        await CopyBoundedAsync(input, spool, limits.MaxBytes - headLength, limits, cancellationToken);
        await spool.FlushAsync(cancellationToken);

        // A slow upload holds no ffmpeg slot: only the decoding itself is limited.
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var samples = await RunFfmpegAsync(spool.Name, format, limits, cancellationToken);
            return new DecodedAudio(format.Name, new PcmAudio(samples));
        }
        finally
        {
            _slots.Release();
        }
    }

    private static AudioLimits Tighter(AudioLimits asked, AudioLimits configured) => new(
        Math.Min(asked.MaxBytes, configured.MaxBytes),
        Math.Min(asked.MaxSeconds, configured.MaxSeconds),
        Math.Min(asked.DecodeTimeoutSeconds, configured.DecodeTimeoutSeconds));

    private static AudioException TooLarge(AudioLimits limits) => new(
        "AUDIO_TOO_LARGE",
        string.Create(CultureInfo.InvariantCulture, $"The audio is larger than the limit of {limits.MaxBytes / 1024.0 / 1024.0:0.##} MB."));

    /// <summary>A temp file only this user can read, deleted when closed (also if the process dies, once the handle goes).</summary>
    private FileStream OpenSpool()
    {
        var folder = string.IsNullOrWhiteSpace(_options.TempDirectory) ? Path.GetTempPath() : _options.TempDirectory;
        var path = Path.Combine(folder, $"cleanassistant-audio-{Guid.NewGuid():N}");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    /// <summary>Copies at most <paramref name="budget"/> bytes; one more byte means the upload is too large, and reading stops there.</summary>
    private static async Task CopyBoundedAsync(Stream input, Stream output, long budget, AudioLimits limits, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            while (true)
            {
                var want = (int)Math.Min(buffer.Length, budget + 1);
                var read = await input.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                if (read == 0)
                {
                    return;
                }

                budget -= read;
                if (budget < 0)
                {
                    throw TooLarge(limits);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<short[]> RunFfmpegAsync(string path, AudioFormat format, AudioLimits limits, CancellationToken cancellationToken)
    {
        // ffmpeg stops a little past the limit, so a too-long upload is never decoded in full but is still recognised.
        var cap = TimeSpan.FromSeconds(limits.MaxSeconds) + TimeSpan.FromSeconds(1);
        var maxOutputBytes = (long)Math.Ceiling(cap.TotalSeconds * PcmAudio.StandardRate) * sizeof(short);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(limits.DecodeTimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var process = new Process { StartInfo = StartInfo(path, format, cap) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"ffmpeg could not be started from '{_options.FfmpegPath}' (Voice:Audio:FfmpegPath).", e);
        }

        byte[] pcm;
        int length;
        string stderr;
        try
        {
            // Killing the tree closes its pipes, so the reads below end however the process was stuck.
            await using (linked.Token.UnsafeRegister(static state => Kill((Process)state!), process))
            {
                process.StandardInput.Close();
                var errors = ReadBoundedTextAsync(process.StandardError);
                (pcm, length) = await ReadPcmAsync(process.StandardOutput.BaseStream, maxOutputBytes);
                stderr = await errors;
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            Kill(process);
            await ReapAsync(process);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                throw new AudioException(
                    "AUDIO_TIMEOUT",
                    string.Create(CultureInfo.InvariantCulture, $"Decoding the audio took longer than {limits.DecodeTimeoutSeconds:0.##} seconds."));
            }

            if (process.ExitCode != 0)
            {
                var error = FirstLine(stderr);
                LogFfmpegFailed(_logger, format.Name, process.ExitCode, error);
                throw new AudioException("AUDIO_INVALID", $"The {format.Label} audio could not be decoded: the file is damaged or incomplete.");
            }

            var count = length / sizeof(short);
            if (count == 0)
            {
                throw new AudioException("AUDIO_INVALID", $"The {format.Label} file holds no audio samples: it is damaged, incomplete or has no sound track.");
            }

            if (TimeSpan.FromSeconds((double)count / PcmAudio.StandardRate) > TimeSpan.FromSeconds(limits.MaxSeconds) + DurationTolerance)
            {
                throw new AudioException(
                    "AUDIO_TOO_LONG",
                    string.Create(CultureInfo.InvariantCulture, $"The audio is longer than the limit of {limits.MaxSeconds:0.##} seconds."));
            }

            return ToSamples(pcm.AsSpan(0, count * sizeof(short)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pcm);
        }
    }

    private ProcessStartInfo StartInfo(string path, AudioFormat format, TimeSpan cap)
    {
        var info = new ProcessStartInfo(_options.FfmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "1",
            // The input: the format found from its content, read from our file only (no other protocol, no probing).
            "-protocol_whitelist", "file", "-f", format.Demuxer, "-i", "file:" + path,
            // The output: the first audio stream, resampled with SoX's resampler (ffmpeg's default costs recognisers
            // dearly), mixed to mono, 16-bit little-endian, raw on stdout.
            "-map", "0:a:0", "-vn", "-sn", "-dn",
            "-t", cap.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "-af", "aresample=16000:resampler=soxr", "-ac", "1", "-ar", "16000",
            "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1",
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        catch (Win32Exception)
        {
            // It could not be signalled; it is exiting.
        }
    }

    /// <summary>Waits for the killed process, so no zombie is left; bounded, as a process stuck in the kernel cannot be killed.</summary>
    private async Task ReapAsync(Process process)
    {
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ReapTimeout);
        }
        catch (TimeoutException)
        {
            LogNotReaped(_logger, process.Id);
        }
    }

    /// <summary>Reads stdout to the end into a pooled buffer, keeping at most <paramref name="maxBytes"/> (ffmpeg's -t keeps it near).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadPcmAsync(Stream stdout, long maxBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(PcmAudio.StandardRate * sizeof(short) * 8);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 4096));
                    if (larger.Length <= length)
                    {
                        ArrayPool<byte>.Shared.Return(larger);
                        await stdout.CopyToAsync(Stream.Null);
                        return (buffer, length);
                    }

                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stdout.ReadAsync(buffer.AsMemory(length));
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static async Task<string> ReadBoundedTextAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var chunk = new char[1024];
        int read;
        while ((read = await reader.ReadAsync(chunk)) > 0)
        {
            kept.Append(chunk, 0, Math.Min(read, StderrKept - kept.Length));
        }

        return kept.ToString();
    }

    private static short[] ToSamples(ReadOnlySpan<byte> pcm)
    {
        var samples = new short[pcm.Length / sizeof(short)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, short>(pcm).CopyTo(samples);
        }
        else
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(i * 2)..]);
            }
        }

        return samples;
    }

    /// <summary>ffmpeg's first complaint, for the operator; it names our temp file, never the user's, and is cut short.</summary>
    private static string FirstLine(string stderr)
    {
        var line = stderr.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        var first = end >= 0 ? line[..end] : line;
        return first[..Math.Min(first.Length, 200)].ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ffmpeg could not decode {Format} audio (exit code {ExitCode}): {Error}")]
    private static partial void LogFfmpegFailed(ILogger logger, string format, int exitCode, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "ffmpeg (process {ProcessId}) did not exit after being killed")]
    private static partial void LogNotReaped(ILogger logger, int processId);
}
