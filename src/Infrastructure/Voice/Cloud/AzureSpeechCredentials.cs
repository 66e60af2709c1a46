using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace CleanAssistant.Infrastructure.Voice.Cloud;

/// <summary>
/// Authorises requests to Azure Speech: the key itself, or a bearer token from the token endpoint kept for
/// 9 of its 10 minutes and renewed when the service refuses it (shared by recognition and synthesis).
/// </summary>
internal sealed class AzureSpeechCredentials(IHttpClientFactory http, IOptions<AzureSpeechOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>Tokens live 10 minutes; one is used for 9, so none expires in flight.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(9);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public bool UsesToken => options.Value.Auth == AzureSpeechAuth.Token;

    /// <summary>Adds the key or a bearer token; <paramref name="renew"/> fetches a new token even when one is held.</summary>
    public async Task AuthorizeAsync(HttpRequestMessage request, bool renew, CancellationToken cancellationToken)
    {
        if (!UsesToken)
        {
            request.Headers.Add("Ocp-Apim-Subscription-Key", options.Value.Key);
            return;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(renew, cancellationToken));
    }

    /// <summary>
    /// Sends a request built by <paramref name="build"/>, authorised; a 401 with a held token renews the token
    /// and sends once more (the token may have been revoked or the clock skewed).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using (var request = build())
        {
            await AuthorizeAsync(request, renew: false, cancellationToken);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !UsesToken)
            {
                return response;
            }

            response.Dispose();
        }

        using var retry = build();
        await AuthorizeAsync(retry, renew: true, cancellationToken);
        return await client.SendAsync(retry, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> TokenAsync(bool renew, CancellationToken cancellationToken)
    {
        var held = _token;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have renewed it while this one waited.
            var stale = renew && ReferenceEquals(_token, held);
            if (_token is not null && !stale && time.GetUtcNow() < _renewAt)
            {
                return _token;
            }

            var client = http.CreateClient(CloudSpeechServices.AzureClient);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.TokenAddress) { Content = new ByteArrayContent([]) };
            request.Headers.Add("Ocp-Apim-Subscription-Key", options.Value.Key);
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The Azure token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            _token = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            _renewAt = time.GetUtcNow() + TokenLifetime;
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
