using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Voice.VoiceHistory;
using CleanAssistant.Domain.Voice;
using CleanAssistant.WebApi.GraphQL.Voice;
using CleanAssistant.WebApi.Identity;
using Mediator;

namespace CleanAssistant.WebApi.Voice;

/// <summary>
/// GET /voice/{id}/reply and /voice/{id}/recording: the audio of one of the caller's spoken commands, decrypted for
/// its owner only (bearer token), while its retention lasts. Not cached by anyone on the way.
/// </summary>
public static class VoiceAudioEndpoint
{
    public static string ReplyPath(VoiceRecordId id) => $"/voice/{Uri.EscapeDataString(VoiceRecordType.Encode(id))}/reply";

    public static string RecordingPath(VoiceRecordId id) => $"/voice/{Uri.EscapeDataString(VoiceRecordType.Encode(id))}/recording";

    /// <summary>
    /// The spoken reply is part of the assistant's answer (assistant) and of the history (voice.history); the
    /// recording only of the history.
    /// </summary>
    public static void MapVoiceAudio(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/voice/{id}/reply", (string id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                GetAsync(id, VoiceAudioKind.Reply, http, mediator, cancellationToken))
            .RequireScope(ApiScopes.Assistant, ApiScopes.VoiceHistory).WithDisplayName("Voice reply audio");
        endpoints.MapGet("/voice/{id}/recording", (string id, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                GetAsync(id, VoiceAudioKind.Recording, http, mediator, cancellationToken))
            .RequireScope(ApiScopes.VoiceHistory).WithDisplayName("Voice recording audio");
    }

    private static async Task<IResult> GetAsync(string id, VoiceAudioKind which, HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        try
        {
            var audio = await mediator.Send(new GetVoiceAudioQuery(VoiceRecordType.Decode(id), which), cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(audio.Bytes, audio.ContentType);
        }
        catch (AppException exception) when (exception is NotFoundException or ValidationException)
        {
            // A malformed id, another user's record and expired audio all look missing.
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Audio not found", detail: "There is no such audio (any more).");
        }
    }
}
