using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Voice.VoiceHistory;
using CleanAssistant.Domain.Voice;
using CleanAssistant.WebApi.GraphQL.Voice;
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

    public static IEndpointConventionBuilder MapVoiceAudio(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/voice/{id}/{kind:regex(^(reply|recording)$)}", GetAsync).RequireAuthorization().WithDisplayName("Voice audio");

    private static async Task<IResult> GetAsync(string id, string kind, HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        try
        {
            var which = kind == "reply" ? VoiceAudioKind.Reply : VoiceAudioKind.Recording;
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
