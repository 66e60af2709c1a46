using CleanAssistant.Application.Conversations;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Voice;
using NodaTime;

namespace CleanAssistant.Application.Voice;

/// <summary>A transcription: the words, the engine that heard them, and the audio found.</summary>
public sealed record TranscriptionDto(string Text, string Engine, string Format, double AudioSeconds, double? Confidence);

/// <summary>A spoken command carried out: what was heard, the assistant's reply, and whether it can be listened to.</summary>
public sealed record VoiceCommandResultDto(VoiceRecordId Id, string Transcript, string Engine, double AudioSeconds, AssistantReplyDto Reply, bool HasReplyAudio);

/// <summary>One entry of the user's voice history (the transcript decrypted for its owner).</summary>
public sealed record VoiceRecordDto(
    VoiceRecordId Id, ConversationId? ConversationId, Instant CreatedAt, string Transcript, string Engine, double AudioSeconds, bool HasAudio, bool HasReplyAudio, Instant ExpiresAt);

/// <summary>
/// The encryption contexts of a voice record's fields: a ciphertext only decrypts in its own row and column. Public for
/// the re-encryption after a key rotation, which must use the same ones.
/// </summary>
public static class VoiceCipher
{
    public static string Transcript(VoiceRecordId id) => $"voice:{id}:transcript";

    public static string Audio(VoiceRecordId id) => $"voice:{id}:audio";

    public static string ReplyAudio(VoiceRecordId id) => $"voice:{id}:reply-audio";
}
