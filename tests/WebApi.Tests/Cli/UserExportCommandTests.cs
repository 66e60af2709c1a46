using System.IO.Compression;
using CleanAssistant.Domain.Auditing;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace CleanAssistant.WebApi.Tests.Cli;

public sealed class UserExportCommandTests
{
    [Fact]
    public async Task UserExport_WritesTheUsersArchive_AndAuditsIt_AnUnknownEmailExitsWith3()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        (await CliRun.InProcessAsync(new[] { "migrate" }.On(database))).ExitCode.ShouldBe(0);
        (await CliRun.InProcessAsync(
            new[] { "user", "create", "--email", "ann@example.com", "--display-name", "Ann", "--password-stdin" }.On(database), stdin: CliRun.Password)).ExitCode.ShouldBe(0);
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.zip");
        try
        {
            var result = await CliRun.InProcessAsync(new[] { "user", "export", "--email", "ann@example.com", "--out", file }.On(database));

            result.ExitCode.ShouldBe(0, result.ToString());
            using (var zip = ZipFile.OpenRead(file))
            {
                zip.Entries.Select(e => e.FullName).ShouldContain("profile.json");
                zip.Entries.Select(e => e.FullName).ShouldContain("calendars/1-Personal.ics");
            }

            var exported = await CliRun.InspectAsync(database, (db, _) => db.AuditEvents.CountAsync(a => a.Kind == AuditEventKind.DataExported));
            exported.ShouldBe(1);
            (await CliRun.InProcessAsync(new[] { "user", "export", "--email", "nobody@example.com", "--out", file }.On(database))).ExitCode.ShouldBe(3);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
