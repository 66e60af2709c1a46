using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Application.Privacy.ExportMyData;
using CleanAssistant.WebApi.Identity;
using Mediator;

namespace CleanAssistant.WebApi.Privacy;

/// <summary>GET /me/export.zip: everything the service holds about the caller, as one zip archive (bearer token).</summary>
public static class DataExportEndpoint
{
    public const string Path = "/me/export.zip";

    public static IEndpointConventionBuilder MapDataExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireScope(ApiScopes.Account).WithDisplayName("Personal data export (zip)");

    private static async Task<IResult> ExportAsync(HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        try
        {
            var archive = await mediator.Send(new ExportMyDataQuery(), cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(archive.Bytes, "application/zip", archive.FileName);
        }
        catch (NotFoundException)
        {
            // A valid token of an account deleted since.
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: "There is no such account (any more).");
        }
    }
}
