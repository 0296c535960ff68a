using System.Net;
using System.Text;
using System.Text.Json;
using Berth.Agent.Docker;
using Berth.Agent.Tests.Docker.Fakes;

namespace Berth.Agent.Tests.Docker;

public sealed class ImagePullTests
{
    [Fact]
    public async Task Pull_Success_ReportsEveryProgressLine()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/images/create", Recordings.Text("pull-stream-success.jsonl"));
        using var client = FakeEngine.Client(handler);
        var progress = new ListProgress();

        await client.PullImageAsync("127.0.0.1:5055/good:1", auth: null, progress, CancellationToken.None);

        var request = Assert.Single(handler.ApiRequests);
        Assert.Equal("127.0.0.1:5055/good", request.Query("fromImage"));
        Assert.Equal("1", request.Query("tag"));
        Assert.False(request.Headers.ContainsKey("X-Registry-Auth"));
        Assert.Equal(10, progress.Reports.Count);
        Assert.Equal(new PullProgress { Status = "Pulling from good", Id = "1" }, progress.Reports[0]);
        Assert.Equal(new PullProgress { Status = "Downloading", Id = "371e4ef0d33f", Current = 107, Total = 107 }, progress.Reports[2]);
        Assert.Equal("Status: Downloaded newer image for 127.0.0.1:5055/good:1", progress.Reports[^1].Status);
    }

    [Theory]
    [InlineData("busybox", "busybox", "latest")]
    [InlineData("busybox:1.36", "busybox", "1.36")]
    [InlineData("127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app", "latest")]
    [InlineData("127.0.0.1:5000/team/app:v2", "127.0.0.1:5000/team/app", "v2")]
    [InlineData("app@sha256:0123456789abcdef", "app", "sha256:0123456789abcdef")]
    [InlineData("host:5000/app:v1@sha256:0123456789abcdef", "host:5000/app", "sha256:0123456789abcdef")]
    public async Task Pull_SplitsTheReferenceIntoFromImageAndTag(string image, string fromImage, string tag)
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/images/create", "");
        using var client = FakeEngine.Client(handler);

        await client.PullImageAsync(image, auth: null, progress: null, CancellationToken.None);

        var request = Assert.Single(handler.ApiRequests);
        Assert.Equal(fromImage, request.Query("fromImage"));
        Assert.Equal(tag, request.Query("tag"));
    }

    [Fact]
    public async Task Pull_WithAuth_SendsBase64UrlAuthConfig()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/images/create", Recordings.Text("pull-stream-success.jsonl"));
        using var client = FakeEngine.Client(handler);

        // This password's JSON encodes to base64 with '+' and '/' in the standard alphabet, which must not appear.
        var auth = new RegistryAuth { Username = "AWS", Password = "p>?~~~", ServerAddress = "127.0.0.1:5055" };
        await client.PullImageAsync("127.0.0.1:5055/good:1", auth, progress: null, CancellationToken.None);

        var header = handler.ApiRequests.Single().Headers["X-Registry-Auth"];
        Assert.DoesNotContain('+', header);
        Assert.DoesNotContain('/', header);
        Assert.Equal(0, header.Length % 4);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("AWS", document.RootElement.GetProperty("username").GetString());
        Assert.Equal("p>?~~~", document.RootElement.GetProperty("password").GetString());
        Assert.Equal("127.0.0.1:5055", document.RootElement.GetProperty("serveraddress").GetString());
        Assert.DoesNotContain("p>?~~~", auth.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_ErrorLineInA200Stream_FailsAfterReportingWhatCameBefore()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Post, "/v1.41/images/create", Recordings.Text("pull-stream-layer-verification-failed.jsonl"));
        using var client = FakeEngine.Client(handler);
        var progress = new ListProgress();

        var error = await Assert.ThrowsAsync<DockerPullException>(() =>
            client.PullImageAsync("127.0.0.1:5055/broken:1", auth: null, progress, CancellationToken.None));

        Assert.Equal(4, progress.Reports.Count);
        Assert.Equal(PullFailure.Other, error.Failure);
        Assert.Null(error.StatusCode);
        Assert.Equal("127.0.0.1:5055/broken:1", error.Image);
        Assert.Equal(
            "pull image 127.0.0.1:5055/broken:1: filesystem layer verification failed for digest sha256:371e4ef0d33f8b89a8c9d10a59ff39a550849be71b47a47d6a421e7ecf67c85e",
            error.Message);
    }

    [Theory]
    [InlineData("pull-404-manifest-unknown.json", HttpStatusCode.NotFound, PullFailure.ImageNotFound, "manifest for 127.0.0.1:5055/missing:1 not found: manifest unknown: manifest unknown")]
    [InlineData("pull-500-registry-unreachable.json", HttpStatusCode.InternalServerError, PullFailure.RegistryUnreachable, "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host")]
    public async Task Pull_RefusedAtOnce_IsDockerPullExceptionNamingTheImage(string recording, HttpStatusCode status, PullFailure failure, string reason)
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/images/create", Recordings.Text(recording), status);
        using var client = FakeEngine.Client(handler);

        var error = await Assert.ThrowsAsync<DockerPullException>(() =>
            client.PullImageAsync("some/image:1", auth: null, progress: null, CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(failure, error.Failure);
        Assert.Equal(reason, error.Reason);
        Assert.Equal("pull image some/image:1: " + reason, error.Message);
        Assert.Equal(DockerOperations.PullImage, error.Operation);
    }

    [Fact]
    public async Task Pull_EngineSilentLongerThanTheInactivityTimeout_IsDockerTimeoutException()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/images/create", _ =>
            Task.FromResult(RecordedDockerHandler.Respond(HttpStatusCode.OK, new StreamContent(new SilentAfterStream("""{"status":"Pulling from x","id":"1"}""" + "\n")), "application/json")));
        using var client = FakeEngine.Client(handler, new DockerClientOptions { PullInactivityTimeout = TimeSpan.FromMilliseconds(300) });
        var progress = new ListProgress();

        var error = await Assert.ThrowsAsync<DockerTimeoutException>(() => client.PullImageAsync("x:1", auth: null, progress, CancellationToken.None));

        Assert.Single(progress.Reports);
        Assert.Equal(DockerOperations.PullImage, error.Operation);
        Assert.Equal("Docker pull image x:1 timed out: no progress for 300 ms", error.Message);
    }

    private sealed class ListProgress : IProgress<PullProgress>
    {
        public List<PullProgress> Reports { get; } = [];

        public void Report(PullProgress value) => Reports.Add(value);
    }

    /// <summary>Gives its text, then blocks every read until cancelled (an engine waiting on a stalled registry).</summary>
    private sealed class SilentAfterStream(string text) : Stream
    {
        private readonly MemoryStream start = new(Encoding.UTF8.GetBytes(text));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = start.Read(buffer.Span);
            if (read > 0)
            {
                return read;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
