using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Users;
using Hangfire;
using Hangfire.Dashboard;

namespace CleanAssistant.WebApi.Operability;

public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    /// <summary>The Hangfire dashboard (reminder jobs) at <c>/hangfire</c>, for administrators only (an access token with the admin role and the admin scope).</summary>
    public static void MapHangfireDashboard(this WebApplication app) =>
        app.UseHangfireDashboard(
            Path,
            new DashboardOptions { Authorization = [new AdminOnly()], DisplayStorageConnectionString = false, AppPath = null },
            app.Services.GetRequiredService<JobStorage>());

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var caller = context.GetHttpContext().RequestServices.GetRequiredService<ICurrentUser>();
            return caller.IsInRole(UserRole.Admin) && caller.HasScope(ApiScopes.Admin);
        }
    }
}
