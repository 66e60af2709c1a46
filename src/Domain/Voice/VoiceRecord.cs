using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Users;
using NodaTime;

namespace CleanAssistant.Domain.Voice;

public readonly record struct VoiceRecordId(Guid Value) : IComparable<VoiceRecordId>
{
    public static VoiceRecordId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();

    // The operators let queries page through records by id (keyset); the database compares, in its own order.
    public int CompareTo(VoiceRecordId other) => Value.CompareTo(other.Value);

    public static bool operator <(VoiceRecordId left, VoiceRecordId right) => left.CompareTo(right) < 0;

    public static bool operator <=(VoiceRecordId left, VoiceRecordId right) => left.CompareTo(right) <= 0;

    public static bool operator >(VoiceRecordId left, VoiceRecordId right) => left.CompareTo(right) > 0;

    public static bool operator >=(VoiceRecordId left, VoiceRecordId right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// One spoken command and what came of it, kept for the user's voice history. Everything said is personal: the
/// transcript, the recording and the spoken reply are stored only encrypted (the caller encrypts; the entity holds
/// ciphertext) and only until their retention ends.
/// </summary>
public sealed class VoiceRecord : Entity<VoiceRecordId>
{
    public const int MaxEngineLength = 32;
    public const int MaxContentTypeLength = 100;

    private VoiceRecord()
    {
        Engine = string.Empty;
        Transcript = [];
    }

    public UserId OwnerId { get; private set; }

    public ConversationId? ConversationId { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>The speech engine that heard it ("pocketsphinx", "azure", …).</summary>
    public string Engine { get; private set; }

    public double AudioSeconds { get; private set; }

    /// <summary>What was heard, encrypted.</summary>
    public byte[] Transcript { get; private set; }

    /// <summary>The recording as uploaded, encrypted; null when not kept (the default) or expired.</summary>
    public byte[]? Audio { get; private set; }

    public string? AudioContentType { get; private set; }

    /// <summary>The spoken reply, encrypted; null when none was asked for or it expired.</summary>
    public byte[]? ReplyAudio { get; private set; }

    public string? ReplyAudioContentType { get; private set; }

    /// <summary>When the recording goes.</summary>
    public Instant? AudioExpiresAt { get; private set; }

    /// <summary>When the spoken reply goes.</summary>
    public Instant? ReplyAudioExpiresAt { get; private set; }

    /// <summary>When the whole record goes.</summary>
    public Instant ExpiresAt { get; private set; }

    /// <summary>A record with id <paramref name="id"/>, chosen by the caller: the encryption of the fields is bound to it.</summary>
    public static VoiceRecord Create(VoiceRecordId id, UserId owner, ConversationId? conversationId, string engine, double audioSeconds, byte[] transcript, Instant now, Instant expiresAt)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if (expiresAt <= now)
        {
            throw new DomainException("INVALID_RETENTION", "A voice record must be kept for some time.");
        }

        return new VoiceRecord
        {
            Id = id,
            OwnerId = owner,
            ConversationId = conversationId,
            Engine = Guard.Text(engine, "Engine", MaxEngineLength),
            AudioSeconds = Math.Max(0, audioSeconds),
            Transcript = transcript,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>Keeps the (encrypted) recording until <paramref name="until"/>.</summary>
    public void KeepAudio(byte[] audio, string contentType, Instant until)
    {
        Audio = audio;
        AudioContentType = Guard.Text(contentType, "Content type", MaxContentTypeLength);
        AudioExpiresAt = until;
    }

    /// <summary>Keeps the (encrypted) spoken reply until <paramref name="until"/>, for its URL to be fetched.</summary>
    public void KeepReplyAudio(byte[] audio, string contentType, Instant until)
    {
        ReplyAudio = audio;
        ReplyAudioContentType = Guard.Text(contentType, "Content type", MaxContentTypeLength);
        ReplyAudioExpiresAt = until;
    }

    /// <summary>
    /// Replaces the stored ciphertexts with the same data encrypted again (after a key rotation). It cannot add or drop
    /// data: a field that is absent stays absent.
    /// </summary>
    public void ReplaceCiphertexts(byte[] transcript, byte[]? audio, byte[]? replyAudio)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if ((audio is null) != (Audio is null) || (replyAudio is null) != (ReplyAudio is null))
        {
            throw new DomainException("CIPHERTEXT_MISMATCH", "Re-encryption replaces the stored data; it cannot add or drop any.");
        }

        (Transcript, Audio, ReplyAudio) = (transcript, audio, replyAudio);
    }

    /// <summary>Drops the audio whose retention has ended at <paramref name="now"/>; true when something went.</summary>
    public bool ForgetExpiredAudio(Instant now)
    {
        var forgot = false;
        if (AudioExpiresAt <= now)
        {
            (Audio, AudioContentType, AudioExpiresAt, forgot) = (null, null, null, true);
        }

        if (ReplyAudioExpiresAt <= now)
        {
            (ReplyAudio, ReplyAudioContentType, ReplyAudioExpiresAt, forgot) = (null, null, null, true);
        }

        return forgot;
    }
}
