using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAssistant.Infrastructure.Tests.Voice.Cloud;

/// <summary>
/// A cloud speech service on loopback (Azure's or Google's addresses, the token endpoints): a tiny Kestrel
/// app that records every request (bodies as bytes: audio goes up) and answers each path with the replies a
/// test scripted for it, in order; the last reply of a path repeats.
/// </summary>
internal sealed class FakeSpeechServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SpeechReply>> _replies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SpeechReply> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SpeechRequest> _requests = new();

    private FakeSpeechServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<SpeechRequest> Requests => [.. _requests];

    public static async Task<FakeSpeechServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSpeechServer(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public IReadOnlyList<SpeechRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    /// <summary>Answers the next request to <paramref name="path"/> (e.g. <c>/v1/speech:recognize</c>).</summary>
    public FakeSpeechServer Reply(string path, int status, string body, string contentType = "application/json", TimeSpan delay = default, params (string Name, string Value)[] headers) =>
        Reply(path, status, Encoding.UTF8.GetBytes(body), contentType, delay, headers);

    public FakeSpeechServer Reply(string path, int status, byte[] body, string contentType, TimeSpan delay = default, params (string Name, string Value)[] headers)
    {
        _replies.GetOrAdd(path, _ => new ConcurrentQueue<SpeechReply>()).Enqueue(new SpeechReply(status, body, contentType, delay, headers));
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var path = context.Request.Path.Value ?? "";
        _requests.Enqueue(new SpeechRequest(
            context.Request.Method,
            path,
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray()));
        SpeechReply reply;
        if (_replies.TryGetValue(path, out var queue) && queue.TryDequeue(out var next))
        {
            reply = _last[path] = next;
        }
        else if (!_last.TryGetValue(path, out reply!))
        {
            reply = new SpeechReply(404, Encoding.UTF8.GetBytes("no reply scripted for " + path), "text/plain", TimeSpan.Zero, []);
        }

        try
        {
            await Task.Delay(reply.Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = reply.ContentType;
        await context.Response.Body.WriteAsync(reply.Body);
    }

    private sealed record SpeechReply(int Status, byte[] Body, string ContentType, TimeSpan Delay, (string Name, string Value)[] Headers);
}

/// <summary>One request as the fake service received it.</summary>
internal sealed record SpeechRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
