using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.AgentProtocol;
using Berth.Aws.Auth;

namespace Berth.Agent.Host;

/// <summary>The one signed caller of the control plane: awsJson 1.1 requests (and the agent's JSON endpoints) signed with
/// SigV4 for the API, region and key each call names. Typed clients (<see cref="EcsApiClient"/>, <see cref="LogsApiClient"/>)
/// sit on top; an error answer is an <see cref="AwsApiException"/>.</summary>
public sealed class AwsJsonClient(HttpClient http, Uri endpoint, TimeProvider time)
{
    private const string JsonContentType = "application/x-amz-json-1.1";

    /// <summary>Any operation of <paramref name="api"/>, with the generated types' JSON metadata.</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(AwsJsonApi api, string region, string operation, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, AccessKey key, CancellationToken ct)
    {
        var answer = await CallAsync(api, region, operation, request, requestType, key, ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize(answer, responseType)
            ?? throw new AwsApiException(500, "ServerException", $"{operation} answered an empty body.");
    }

    /// <summary>An operation whose answer has no members (CreateLogGroup); returns the raw body.</summary>
    public Task<byte[]> CallAsync<TRequest>(AwsJsonApi api, string region, string operation, TRequest request,
        JsonTypeInfo<TRequest> requestType, AccessKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return SendAsync("/", body, JsonContentType, api.TargetPrefix + operation, api.SigningName, region, key, ct);
    }

    /// <summary>A signed POST of <paramref name="body"/>; <paramref name="target"/> null for the agent's own endpoints.</summary>
    public async Task<byte[]> SendAsync(string path, byte[] body, string contentType, string? target, string signingName, string region,
        AccessKey key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", endpoint.Authority),
            new("X-Amz-Date", SigV4Signer.FormatAmzDate(now)),
            new("Content-Type", contentType),
        };
        if (target is not null)
        {
            headers.Add(new("X-Amz-Target", target));
        }

        var authorization = SigV4Signer.Sign(new SigV4Request("POST", path, string.Empty, headers, body), Signing(key), region, signingName, now);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers.Where(h => h.Key is not ("Host" or "Content-Type")))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(message, ct).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? answer : throw ErrorOf((int)response.StatusCode, answer);
    }

    /// <summary>The signer needs only the key pair; account and principal are the verifier's business.</summary>
    public static Credential Signing(AccessKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Secret, string.Empty, string.Empty);
    }

    /// <summary>An AWS JSON error body (<c>__type</c> may carry a namespace before '#'); anything else keeps the status.</summary>
    private static AwsApiException ErrorOf(int status, byte[] body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, AgentProtocolJsonContext.Default.ErrorBody);
            if (error?.Type is { Length: > 0 } type)
            {
                return new AwsApiException(status, type[(type.LastIndexOf('#') + 1)..], error.Message ?? string.Empty);
            }
        }
        catch (JsonException)
        {
        }

        return new AwsApiException(status, status >= 500 ? "ServerException" : "ClientException", $"HTTP {status}");
    }
}
