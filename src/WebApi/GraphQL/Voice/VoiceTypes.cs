using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Voice;
using CleanAssistant.Application.Voice.SubmitVoiceCommand;
using CleanAssistant.Application.Voice.TranscribeAudio;
using CleanAssistant.Application.Voice.VoiceHistory;
using CleanAssistant.Domain.Voice;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Conversations;
using CleanAssistant.WebApi.GraphQL.Transport;
using CleanAssistant.WebApi.Voice;
using GraphQL;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL.Voice;

public sealed class TranscriptionType : ObjectGraphType<TranscriptionDto>
{
    public TranscriptionType()
    {
        Name = "Transcription";
        Description = "What was heard in a recording.";
        Field(t => t.Text).Description("The words, lower case, without punctuation; empty when no speech was found.");
        Field(t => t.Engine).Description("The speech engine that heard them (\"azure\", \"google\", \"pocketsphinx\"); empty when there was no speech.");
        Field(t => t.Format).Description("The audio format found in the content: wav, mp3, mp4, flac, ogg or webm.");
        Field(t => t.AudioSeconds).Description("Length of the recording in seconds.");
        Field(t => t.Confidence, nullable: true).Description("The engine's confidence, 0 to 1, when it gives one.");
    }
}

public sealed class SpeechAudioFormatType : EnumerationGraphType<SpeechAudioFormat>
{
    public SpeechAudioFormatType()
    {
        Name = "SpeechAudioFormat";
        Description = "Audio formats a spoken reply can come in.";
        Values["WAV"]!.Description = "RIFF WAVE, 16-bit PCM (audio/wav).";
        Values["OGG_OPUS"]!.Description = "Opus in an Ogg container (audio/ogg).";
    }
}

public sealed class VoiceCommandResultType : ObjectGraphType<VoiceCommandResultDto>
{
    public VoiceCommandResultType()
    {
        Name = "VoiceCommandResult";
        Description = "A spoken command carried out: what was heard and what the assistant did and said.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the entry in the voice history.").Resolve(c => VoiceRecordType.Encode(c.Source.Id));
        Field(r => r.Transcript).Description("What was heard; empty when no speech was found.");
        Field(r => r.Engine).Description("The speech engine that heard it.");
        Field(r => r.AudioSeconds).Description("Length of the recording in seconds.");
        Field<NonNullGraphType<AssistantReplyType>>("reply").Description("The assistant's reply, as for `sendMessage` (the interpretation is in it).").Resolve(c => c.Source.Reply);
        Field<StringGraphType>("replyAudioUrl")
            .Description("Where the spoken reply can be fetched (GET, with the same `Authorization` header) while it is kept; null when none was asked for.")
            .Resolve(c => c.Source.HasReplyAudio ? VoiceAudioEndpoint.ReplyPath(c.Source.Id) : null);
    }
}

public sealed class VoiceRecordType : ObjectGraphType<VoiceRecordDto>
{
    public const string TypeName = "VoiceRecord";

    public VoiceRecordType()
    {
        Name = TypeName;
        Description = "One spoken command in the user's voice history. Kept encrypted, and only for the configured retention.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id of the entry.").Resolve(c => Encode(c.Source.Id));
        Field<IdGraphType>("conversationId").Description("The conversation the command went to.").Resolve(c => c.Source.ConversationId is { } id ? ConversationType.Encode(id) : null);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When it was said.").Resolve(c => c.Source.CreatedAt);
        Field(r => r.Transcript).Description("What was heard.");
        Field(r => r.Engine).Description("The speech engine that heard it.");
        Field(r => r.AudioSeconds).Description("Length of the recording in seconds.");
        Field<StringGraphType>("recordingUrl").Description("The recording itself, while it is kept (not at all by default).")
            .Resolve(c => c.Source.HasAudio ? VoiceAudioEndpoint.RecordingPath(c.Source.Id) : null);
        Field<StringGraphType>("replyAudioUrl").Description("The spoken reply, while it is kept.")
            .Resolve(c => c.Source.HasReplyAudio ? VoiceAudioEndpoint.ReplyPath(c.Source.Id) : null);
        Field<NonNullGraphType<InstantGraphType>>("expiresAt").Description("When the entry is erased.").Resolve(c => c.Source.ExpiresAt);
    }

    public static string Encode(VoiceRecordId id) => GlobalId.Encode(TypeName, id.Value);

    public static VoiceRecordId Decode(string? id, string field = "id") => new(GlobalId.Decode(TypeName, id, field));
}

public sealed record SubmitVoiceCommandPayload(VoiceCommandResultDto? Result, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class SubmitVoiceCommandPayloadType : ObjectGraphType<SubmitVoiceCommandPayload>
{
    public SubmitVoiceCommandPayloadType()
    {
        Name = "SubmitVoiceCommandPayload";
        Description = "The spoken command's result, or why it could not be heard (AUDIO_UNSUPPORTED, AUDIO_INVALID, AUDIO_TOO_LARGE, AUDIO_TOO_LONG, AUDIO_TIMEOUT, AUDIO_EMPTY, SPEECH_ENGINE_FAILED).";
        Field<VoiceCommandResultType>("result").Description("Null when `errors` is not empty.").Resolve(c => c.Source.Result);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

public sealed record DeleteVoiceHistoryInput(string? Id);

public sealed class DeleteVoiceHistoryInputType : InputObjectGraphType<DeleteVoiceHistoryInput>
{
    public DeleteVoiceHistoryInputType()
    {
        Name = "DeleteVoiceHistoryInput";
        Description = "What to erase: one entry, or (without an id) the whole voice history.";
        Field<IdGraphType>("id").Description("The entry; left out, all of them.");
    }
}

public sealed record DeleteVoiceHistoryPayload(int? Deleted, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class DeleteVoiceHistoryPayloadType : ObjectGraphType<DeleteVoiceHistoryPayload>
{
    public DeleteVoiceHistoryPayloadType()
    {
        Name = "DeleteVoiceHistoryPayload";
        Description = "How many entries were erased (transcripts, recordings and reply audio), or why not.";
        Field(p => p.Deleted, nullable: true).Description("Entries erased; null when `errors` is not empty.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Empty when it worked.").Resolve(c => c.Source.Errors);
    }
}

/// <summary>The voice fields of Query and Mutation.</summary>
public static class VoiceFields
{
    public static void AddVoiceQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<TranscriptionType>>("transcribe")
            .Description("Transcribes a recording sent as a multipart request (GraphQL multipart request spec, header `GraphQL-Preflight: 1`): WAV, MP3, M4A/AAC, FLAC, OGG/Opus or WebM/Opus, found from the content. Nothing is kept.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<NonNullGraphType<UploadGraphType>>("audio", "The recording.")
            .Argument<StringGraphType>("engine", "One speech engine by name; left out, the configured chain.")
            .ResolveAsync(async c => await c.QueryAsync(() => new TranscribeAudioQuery(c.GetArgument<UploadedFile>("audio").Content, c.GetArgument<string?>("engine"))));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoiceRecordType>>>>("voiceHistory")
            .Description("The signed-in user's spoken commands, newest first (kept for the configured retention).")
            .RequireScope(ApiScopes.VoiceHistory)
            .Argument<IntGraphType>("first", "How many, 1 to 200. Default 50.")
            .ResolveAsync(async c => await c.QueryAsync(() => new ListVoiceHistoryQuery(c.GetArgument("first", 50))));
    }

    public static void AddVoiceMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SubmitVoiceCommandPayloadType>>("submitVoiceCommand")
            .Description("A spoken command, end to end: the recording (multipart request, header `GraphQL-Preflight: 1`) is transcribed and the words go to the assistant as with `sendMessage`; the reply can also be spoken.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<NonNullGraphType<UploadGraphType>>("audio", "The recording: WAV, MP3, M4A/AAC, FLAC, OGG/Opus or WebM/Opus.")
            .Argument<IdGraphType>("conversationId", "The conversation, as for `sendMessage`.")
            .Argument<SpeechAudioFormatType>("replyAudio", "Also speak the reply, in this format (see `replyAudioUrl`).")
            .ResolveAsync(async c =>
            {
                var audio = c.GetArgument<UploadedFile>("audio");
                var conversationId = c.GetArgument<string?>("conversationId");
                return await c.MutateAsync(
                    () => new SubmitVoiceCommandCommand(
                        audio.Content, audio.ContentType, conversationId is null ? null : ConversationType.Decode(conversationId, "conversationId"), c.GetArgument<SpeechAudioFormat?>("replyAudio")),
                    result => new SubmitVoiceCommandPayload(result, []),
                    errors => new SubmitVoiceCommandPayload(null, errors));
            });

        mutation.Field<NonNullGraphType<DeleteVoiceHistoryPayloadType>>("deleteVoiceHistory")
            .Description("Erases one spoken command, or the whole voice history, for good.")
            .RequireScope(ApiScopes.VoiceHistory)
            .Argument<NonNullGraphType<DeleteVoiceHistoryInputType>>("input", "What to erase.")
            .ResolveAsync(async c =>
            {
                var id = c.GetArgument<DeleteVoiceHistoryInput>("input").Id;
                return await c.MutateAsync(
                    () => new DeleteVoiceHistoryCommand(id is null ? null : VoiceRecordType.Decode(id)),
                    deleted => new DeleteVoiceHistoryPayload(deleted, []),
                    errors => new DeleteVoiceHistoryPayload(null, errors));
            });
    }
}
