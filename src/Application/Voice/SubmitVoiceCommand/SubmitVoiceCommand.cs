using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Conversations;
using CleanAssistant.Application.Conversations.SendMessage;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.Domain.Voice;
using Mediator;
using NodaTime;

namespace CleanAssistant.Application.Voice.SubmitVoiceCommand;

/// <summary>
/// A spoken command, end to end: the recording is transcribed and the words are sent to the assistant exactly as
/// <see cref="SendMessageCommand"/> (in the conversation when one is given). With <paramref name="ReplyAudio"/> the
/// reply is also spoken, to be fetched once from its URL. The transcript is kept, encrypted, in the voice history;
/// the recording only if retention says so.
/// </summary>
public sealed record SubmitVoiceCommandCommand(
    ReadOnlyMemory<byte> Audio, string ContentType, ConversationId? ConversationId = null, SpeechAudioFormat? ReplyAudio = null) : ICommand<VoiceCommandResultDto>, IRequireUser;

public sealed class SubmitVoiceCommandCommandHandler(
    SpeechInput speechInput, ISender sender, ISpeechSynthesizer speechOutput, IDataEncryption encryption, IApplicationDbContext db, ICurrentUser currentUser, VoiceSettings settings, TimeProvider timeProvider)
    : ICommandHandler<SubmitVoiceCommandCommand, VoiceCommandResultDto>
{
    public async ValueTask<VoiceCommandResultDto> Handle(SubmitVoiceCommandCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var heard = await speechInput.HearAsync(command.Audio, command.ContentType, await UserHints.ForAsync(db, owner, settings, timeProvider, cancellationToken), engine: null, cancellationToken);
        AssistantReplyDto reply;
        if (heard.IsSilent)
        {
            reply = new AssistantReplyDto("Sorry, I didn't hear anything. Please say it again.", AssistantOutcome.NotUnderstood) { ConversationId = command.ConversationId };
        }
        else if (heard.Confidence < settings.MinimumConfidence)
        {
            reply = new AssistantReplyDto($"Sorry, I'm not sure I heard that right (\"{heard.Text}\"). Please say it again.", AssistantOutcome.NotUnderstood)
            {
                ConversationId = command.ConversationId,
            };
        }
        else
        {
            reply = await sender.Send(new SendMessageCommand(heard.Text, command.ConversationId), cancellationToken);
        }

        var now = timeProvider.GetCurrentInstant();
        var id = VoiceRecordId.New();
        var record = VoiceRecord.Create(
            id, owner, reply.ConversationId, heard.Engine.Length > 0 ? heard.Engine : "none", heard.AudioSeconds, encryption.EncryptText(heard.Text, VoiceCipher.Transcript(id)), now, now + settings.TranscriptRetention);
        if (settings.RawAudioRetention > Duration.Zero)
        {
            record.KeepAudio(encryption.Encrypt(command.Audio.Span, VoiceCipher.Audio(id)), command.ContentType, now + settings.RawAudioRetention);
        }

        if (command.ReplyAudio is { } format)
        {
            var spoken = await speechOutput.SynthesizeAsync(reply.Reply, format, cancellationToken);
            record.KeepReplyAudio(encryption.Encrypt(spoken.Bytes, VoiceCipher.ReplyAudio(id)), spoken.ContentType, now + settings.ReplyAudioRetention);
        }

        db.Add(record);
        return new VoiceCommandResultDto(id, heard.Text, heard.Engine, heard.AudioSeconds, reply, command.ReplyAudio is not null);
    }
}
