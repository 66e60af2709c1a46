using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using Mediator;

namespace CleanAssistant.Application.Voice.TranscribeAudio;

/// <summary>Transcribes a recording (any supported format) without acting on it or keeping it. <paramref name="Engine"/> picks one engine.</summary>
public sealed record TranscribeAudioQuery(ReadOnlyMemory<byte> Audio, string? Engine = null) : IQuery<TranscriptionDto>, IRequireUser;

public sealed class TranscribeAudioQueryHandler(SpeechInput speechInput, IApplicationDbContext db, ICurrentUser currentUser, VoiceSettings settings, TimeProvider timeProvider) : IQueryHandler<TranscribeAudioQuery, TranscriptionDto>
{
    public async ValueTask<TranscriptionDto> Handle(TranscribeAudioQuery query, CancellationToken cancellationToken)
    {
        var heard = await speechInput.HearAsync(query.Audio, contentType: null, await UserHints.ForAsync(db, currentUser.Id!.Value, settings, timeProvider, cancellationToken), query.Engine, cancellationToken);
        return new TranscriptionDto(heard.Text, heard.Engine, heard.Format, heard.AudioSeconds, heard.Confidence);
    }
}
