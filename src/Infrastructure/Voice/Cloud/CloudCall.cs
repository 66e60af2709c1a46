using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using CleanAssistant.Application.Voice;

namespace CleanAssistant.Infrastructure.Voice.Cloud;

/// <summary>The engine names the chains know.</summary>
public static class SpeechEngines
{
    /// <summary>The local recogniser, registered elsewhere as an <see cref="ISpeechRecognizer"/> of this name.</summary>
    public const string Local = "pocketsphinx";

    /// <summary>The name the recognition and synthesis chains answer to.</summary>
    public const string Chain = "chain";
}

/// <summary>
/// One call to a cloud speech engine within its timeout: the deadline is published to the retry handler
/// (<see cref="SpeechDeadline"/>), and every failure becomes a <see cref="SpeechEngineException"/> that says
/// whether it is worth another try. Messages name status codes, never audio or text.
/// </summary>
internal static class CloudCall
{
    public static async Task<T> RunAsync<T>(string engine, TimeSpan timeout, TimeProvider time, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        SpeechDeadline.Set(time.GetUtcNow() + timeout);
        try
        {
            return await call(timer.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpeechEngineException(engine, $"no answer within {timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s", transient: true, exception);
        }
        catch (HttpRequestException exception)
        {
            throw exception.StatusCode is { } status
                ? Refused(engine, status, null, exception)
                : new SpeechEngineException(engine, "no connection", transient: true, exception);
        }
        catch (JsonException exception)
        {
            throw new SpeechEngineException(engine, "the answer is not the expected JSON", transient: false, exception);
        }
        finally
        {
            SpeechDeadline.Clear();
        }
    }

    /// <summary>An HTTP error answer: 408, 429 and 5xx are transient, the rest (bad request, refused key) are not.</summary>
    public static SpeechEngineException Refused(string engine, HttpStatusCode status, string? detail, Exception? inner = null)
    {
        var code = (int)status;
        var transient = code is 408 or 429 or >= 500;
        var what = code switch
        {
            429 => " (rate limited)",
            401 or 403 => " (credentials refused)",
            >= 500 => " (service error)",
            _ => "",
        };
        return new SpeechEngineException(engine, $"HTTP {code}{what}{(detail is null ? "" : " " + detail)}", transient, inner);
    }

    /// <summary>Reads a body only when it is small enough to be an error document.</summary>
    public static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Length > 4096 ? body[..4096] : body;
    }
}

/// <summary>
/// When the current recognition must be done, for the HTTP retry handler: a 429 whose Retry-After reaches
/// past it fails over at once instead of waiting. Flows with the call (async-local).
/// </summary>
internal static class SpeechDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> Current = new();

    public static void Set(DateTimeOffset deadline) => Current.Value = deadline;

    public static void Clear() => Current.Value = null;

    /// <summary>Time left, or null outside a call.</summary>
    public static TimeSpan? Remaining(TimeProvider time) => Current.Value is { } deadline ? deadline - time.GetUtcNow() : null;
}

/// <summary>16-bit PCM as the bytes the APIs take.</summary>
internal static class Pcm
{
    /// <summary>The samples, little-endian, without a header (Google's LINEAR16).</summary>
    public static byte[] Bytes(PcmAudio audio)
    {
        var samples = audio.Samples.Span;
        var bytes = new byte[samples.Length * 2];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(samples).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
            }
        }

        return bytes;
    }

    /// <summary>A RIFF WAV file of the samples (mono, 16-bit, the audio's rate).</summary>
    public static byte[] Wav(PcmAudio audio)
    {
        var data = Bytes(audio);
        var wav = new byte[44 + data.Length];
        var header = wav.AsSpan();
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + data.Length);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], audio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], audio.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], data.Length);
        data.CopyTo(header[44..]);
        return wav;
    }
}
