using System.Text.Json;
using Berth.Agent.Docker;
using Berth.Agent.Docker.Internal;
using Berth.Agent.Tasks;
using Microsoft.Extensions.Logging;

namespace Berth.Agent.Host;

/// <summary>Registry credentials as ECS's agent gets them for ECR images: GetAuthorizationToken (here with the instance key,
/// until IAM brings execution roles), kept until <see cref="RenewBefore"/> its expiry and shared by every pull. The control
/// plane names its registry in the answer's proxyEndpoint; an image whose host is that one is pulled with the token, any
/// other anonymously, and an image without a registry host (Docker Hub, local images) never costs a call.</summary>
/// <remarks>Thread-safe: concurrent pulls wait for one renewal. The password is never logged.</remarks>
public sealed partial class EcrRegistryCredentials(EcrApiClient api, AccessKey key, TimeProvider time, ILogger logger)
    : IRegistryCredentialSource, IDisposable
{
    /// <summary>Renew this long before expiry, so a pull started with the token finishes before the registry refuses it.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim renewal = new(1, 1);
    private RegistryToken? current;

    public async ValueTask<RegistryAuth?> ForImageAsync(string image, CancellationToken cancellationToken)
    {
        if (ImageReference.RegistryHost(image) is not { } host)
        {
            return null;
        }

        var token = await CurrentAsync(image, host, cancellationToken).ConfigureAwait(false);
        return token is not null && token.IsFor(host) ? token.Auth : null;
    }

    public void Refused(RegistryAuth auth)
    {
        if (Volatile.Read(ref current) is { } token && ReferenceEquals(token.Auth, auth))
        {
            Interlocked.CompareExchange(ref current, null, token);
        }
    }

    public void Dispose() => renewal.Dispose();

    /// <summary>The token, renewed when due. A failed renewal fails the pull of an image of the registry the last token
    /// named (it cannot succeed anonymously); for any other host it means "no credentials".</summary>
    private async Task<RegistryToken?> CurrentAsync(string image, string host, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref current) is { } fresh && !fresh.IsDue(time))
        {
            return fresh;
        }

        await renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is { } renewed && !renewed.IsDue(time))
            {
                return renewed;
            }

            try
            {
                var answer = await api.GetAuthorizationTokenAsync(key, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref current, RegistryToken.From(answer.AuthorizationData?.FirstOrDefault(), time));
                return current;
            }
            catch (Exception e) when (e is AwsApiException or HttpRequestException or JsonException or FormatException
                                          || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (current?.IsFor(host) == true)
                {
                    throw new DockerPullException(image, PullFailure.AccessDenied, statusCode: null,
                        $"could not get an authorization token for {host}: {e.Message}");
                }

                LogNoToken(logger, host, e.Message);
                return null;
            }
        }
        finally
        {
            renewal.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No registry token for {RegistryHost}, pulling anonymously: {Reason}")]
    private static partial void LogNoToken(ILogger logger, string registryHost, string reason);
}
