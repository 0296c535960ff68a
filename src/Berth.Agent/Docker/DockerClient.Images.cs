using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using Berth.Agent.Docker.Internal;
using Berth.Agent.Docker.Wire;

namespace Berth.Agent.Docker;

public sealed partial class DockerClient
{
    /// <summary>The engine reads X-Registry-Auth as URL-safe base64 (padded) of Docker's AuthConfig JSON.</summary>
    internal const string RegistryAuthHeader = "X-Registry-Auth";

    public Task PullImageAsync(string image, RegistryAuth? auth, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        var (repository, tag) = ImageReference.Split(image);
        var path = new QueryString("/images/create").Add("fromImage", repository).Add("tag", tag).ToString();
        var authHeader = auth is null ? null : EncodeRegistryAuth(auth);
        return RunAsync(DockerOperations.PullImage, image, options.PullTimeout, cancellationToken, async call =>
        {
            // The engine sends headers with the first progress line, so the inactivity budget covers the wait for
            // the registry's first answer as well as every gap between lines.
            using var quiet = new CallScope(DockerOperations.PullImage, image, options.PullInactivityTimeout, time, call.Token, inactivity: true);
            try
            {
                using var response = await SendAsync(quiet, HttpMethod.Post, path, content: null,
                    headers: h =>
                    {
                        if (authHeader is not null)
                        {
                            h.Add(RegistryAuthHeader, authHeader);
                        }
                    },
                    completion: HttpCompletionOption.ResponseHeadersRead,
                    errorFor: (status, message) => PullFailed(image, status, message)).ConfigureAwait(false);
                await ReadPullStreamAsync(quiet, response, image, progress).ConfigureAwait(false);
            }
            catch (Exception e) when (quiet.TimedOut && e is OperationCanceledException or IOException or HttpRequestException)
            {
                throw quiet.TimeoutException();
            }
        });
    }

    public Task<ImageInfo?> InspectImageAsync(string image, CancellationToken cancellationToken) =>
        RunAsync(DockerOperations.InspectImage, image, options.InspectTimeout, cancellationToken, async call =>
        {
            try
            {
                using var response = await SendAsync(call, HttpMethod.Get, $"/images/{EscapeImage(image)}/json", content: null).ConfigureAwait(false);
                var inspected = await ReadJsonAsync(call, response, DockerJsonContext.Default.ImageInspectResponse).ConfigureAwait(false);
                return (ImageInfo?)ResponseMapper.ToImageInfo(inspected);
            }
            catch (DockerNotFoundException)
            {
                return null;
            }
        });

    internal static string EncodeRegistryAuth(RegistryAuth auth)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new RegistryAuthBody { Username = auth.Username, Password = auth.Password, ServerAddress = auth.ServerAddress },
            DockerJsonContext.Default.RegistryAuthBody);

        // Go's base64.URLEncoding: the URL-safe alphabet with '=' padding.
        var unpadded = Base64Url.EncodeToString(json);
        return unpadded + new string('=', (4 - unpadded.Length % 4) % 4);
    }

    /// <summary>Reports each line; the first error line fails the pull (the engine then ends the stream).</summary>
    private async Task ReadPullStreamAsync(CallScope quiet, HttpResponseMessage response, string image, IProgress<PullProgress>? progress)
    {
        var stream = await response.Content.ReadAsStreamAsync(quiet.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(quiet.Token).ConfigureAwait(false);
            }
            catch (IOException e) when (!quiet.Token.IsCancellationRequested)
            {
                throw ConnectionLost(DockerOperations.PullImage, e);
            }

            if (line is null)
            {
                return;
            }

            quiet.Restart();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parsed = ParseStreamLine(line, DockerJsonContext.Default.PullLine, DockerOperations.PullImage, response.StatusCode);

            if (parsed is null)
            {
                continue;
            }

            if (parsed.ErrorDetail?.Message is { Length: > 0 } || parsed.Error is { Length: > 0 })
            {
                throw PullFailed(image, statusCode: null, parsed.ErrorDetail?.Message is { Length: > 0 } detail ? detail : parsed.Error!);
            }

            if (progress is not null && parsed.Status is { } status)
            {
                progress.Report(new PullProgress
                {
                    Status = status,
                    Id = parsed.Id,
                    Current = parsed.ProgressDetail?.Current,
                    Total = parsed.ProgressDetail?.Total,
                });
            }
        }
    }

    /// <param name="statusCode">The HTTP error status, or null for an error line inside a 200 stream.</param>
    private static DockerPullException PullFailed(string image, HttpStatusCode? statusCode, string reason) =>
        new(image, PullFailureClassifier.Classify(reason, statusCode), statusCode, reason);
}
