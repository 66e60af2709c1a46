using CleanAssistant.Application;
using CleanAssistant.Infrastructure;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.WebApi;
using CleanAssistant.WebApi.GraphQL.Transport;
using CleanAssistant.WebApi.Identity;
using CleanAssistant.WebApi.Operability;
using CleanAssistant.WebApi.Security;
using CleanAssistant.WebApi.RateLimiting;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables(prefix: "CLEANASSISTANT__");

builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(CleanAssistant.Application.DependencyInjection)];
    options.PipelineBehaviors =
    [
        typeof(CleanAssistant.Application.Common.Behaviours.LoggingBehaviour<,>),
        typeof(CleanAssistant.Application.Common.Behaviours.AuthorizationBehaviour<,>),
        typeof(CleanAssistant.Application.Common.Behaviours.ValidationBehaviour<,>),
        typeof(CleanAssistant.Application.Common.Behaviours.UnitOfWorkBehaviour<,>),
    ];
});
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);

var app = builder.Build();

await DatabaseInitializer.RunAtStartupAsync(app.Services, app.Lifetime.ApplicationStopping);

app.UseMiddleware<CorrelationIdMiddleware>();
app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseGraphQLIde();
app.UseWebSockets();
app.UseCors();
app.UseAuthentication();
app.UseRateLimits();
app.UseAuthorization();

app.MapTokenEndpoint();
app.MapAuthorizationEndpoint();
app.MapLoginEndpoint();
app.MapVerificationEndpoint();
app.MapUserInfoEndpoint();
app.MapGraphQLHttp<CleanAssistant.WebApi.GraphQL.AppSchema>("/graphql");
CleanAssistant.WebApi.Ics.CalendarExportEndpoint.MapCalendarExport(app);
CleanAssistant.WebApi.Voice.VoiceAudioEndpoint.MapVoiceAudio(app);
CleanAssistant.WebApi.Privacy.DataExportEndpoint.MapDataExport(app);
CleanAssistant.WebApi.Voice.VoiceStreamEndpoint.MapVoiceStream(app);
app.MapOperabilityHealthChecks();
app.MapHangfireDashboard();
app.MapGet("/", () => Results.Redirect("/graphql")).ExcludeFromDescription();

app.Lifetime.ApplicationStarted.Register(() => StartupLog.Listening(app.Logger, app.Urls));

await app.RunAsync();

/// <summary>Entry point; public so functional tests can host it.</summary>
public partial class Program;
