using CleanAssistant.Application.Common;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Persistence;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Voice;
using FluentValidation;
using Mediator;

namespace CleanAssistant.Application.Voice.VoiceHistory;

/// <summary>The caller's spoken commands, newest first, with their transcripts (kept for the transcript retention).</summary>
public sealed record ListVoiceHistoryQuery(int First = 50) : IQuery<IReadOnlyList<VoiceRecordDto>>, IRequireUser;

public sealed class ListVoiceHistoryQueryValidator : AbstractValidator<ListVoiceHistoryQuery>
{
    public ListVoiceHistoryQueryValidator() => RuleFor(q => q.First).InclusiveBetween(1, 200);
}

public sealed class ListVoiceHistoryQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, IDataEncryption encryption, TimeProvider timeProvider)
    : IQueryHandler<ListVoiceHistoryQuery, IReadOnlyList<VoiceRecordDto>>
{
    public async ValueTask<IReadOnlyList<VoiceRecordDto>> Handle(ListVoiceHistoryQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var now = timeProvider.GetCurrentInstant();
        var records = await db.VoiceRecords.Where(v => v.OwnerId == owner && v.ExpiresAt > now)
            .OrderByDescending(v => v.CreatedAt).Take(query.First).ToListAsync(cancellationToken);
        return [.. records.Select(v => new VoiceRecordDto(
            v.Id, v.ConversationId, v.CreatedAt, encryption.DecryptText(v.Transcript, VoiceCipher.Transcript(v.Id)), v.Engine, v.AudioSeconds,
            v.Audio is not null && v.AudioExpiresAt > now, v.ReplyAudio is not null && v.ReplyAudioExpiresAt > now, v.ExpiresAt))];
    }
}

/// <summary>Erases one spoken command (transcript, recording, reply audio) or, without an id, the caller's whole voice history. Returns how many went.</summary>
public sealed record DeleteVoiceHistoryCommand(VoiceRecordId? Id = null) : ICommand<int>, IRequireUser;

public sealed class DeleteVoiceHistoryCommandHandler(IApplicationDbContext db, ICurrentUser currentUser) : ICommandHandler<DeleteVoiceHistoryCommand, int>
{
    public async ValueTask<int> Handle(DeleteVoiceHistoryCommand command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var records = db.VoiceRecords.Where(v => v.OwnerId == owner);
        if (command.Id is { } id)
        {
            records = records.Where(v => v.Id == id);
        }

        var found = await records.ToListAsync(cancellationToken);
        if (command.Id is { } missing && found.Count == 0)
        {
            throw new NotFoundException("Voice record", missing);
        }

        found.ForEach(db.Remove);
        return found.Count;
    }
}

/// <summary>Which audio of a voice record.</summary>
public enum VoiceAudioKind
{
    /// <summary>The assistant's spoken reply.</summary>
    Reply,

    /// <summary>The recording as uploaded (only while its retention lasts; none by default).</summary>
    Recording,
}

/// <summary>Audio of one of the caller's spoken commands, decrypted; NOT_FOUND when there is none (any more).</summary>
public sealed record GetVoiceAudioQuery(VoiceRecordId Id, VoiceAudioKind Kind) : IQuery<VoiceAudioDto>, IRequireUser;

/// <summary>Audio bytes and their MIME type.</summary>
public sealed record VoiceAudioDto(byte[] Bytes, string ContentType);

public sealed class GetVoiceAudioQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, IDataEncryption encryption, TimeProvider timeProvider)
    : IQueryHandler<GetVoiceAudioQuery, VoiceAudioDto>
{
    public async ValueTask<VoiceAudioDto> Handle(GetVoiceAudioQuery query, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var now = timeProvider.GetCurrentInstant();
        var record = await db.VoiceRecords.Where(v => v.Id == query.Id && v.OwnerId == owner).FirstOrDefaultAsync(cancellationToken);
        return (query.Kind, record) switch
        {
            (VoiceAudioKind.Reply, { ReplyAudio: { } audio, ReplyAudioContentType: { } type }) when record.ReplyAudioExpiresAt > now =>
                new VoiceAudioDto(encryption.Decrypt(audio, VoiceCipher.ReplyAudio(record.Id)), type),
            (VoiceAudioKind.Recording, { Audio: { } audio, AudioContentType: { } type }) when record.AudioExpiresAt > now =>
                new VoiceAudioDto(encryption.Decrypt(audio, VoiceCipher.Audio(record.Id)), type),
            _ => throw new NotFoundException("Voice audio", query.Id),
        };
    }
}
