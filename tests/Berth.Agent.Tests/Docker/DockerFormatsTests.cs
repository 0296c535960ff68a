using System.Net;
using Berth.Agent.Docker;
using Berth.Agent.Docker.Internal;

namespace Berth.Agent.Tests.Docker;

/// <summary>The small pure pieces: Docker's time formats, image references, pull failure texts.</summary>
public sealed class DockerFormatsTests
{
    [Theory]
    [InlineData("2026-11-21T15:28:15.621117726Z", "2026-11-21T15:28:15.6211177+00:00")]
    [InlineData("2026-11-21T15:28:15.62Z", "2026-11-21T15:28:15.6200000+00:00")]
    [InlineData("2026-11-21T15:28:15Z", "2026-11-21T15:28:15.0000000+00:00")]
    [InlineData("2026-05-07T21:09:36.000000000+00:00", "2026-05-07T21:09:36.0000000+00:00")]
    [InlineData("2026-05-07T23:09:36.5+02:00", "2026-05-07T21:09:36.5000000+00:00")]
    public void ParseOrNull_Rfc3339WithNanoseconds_IsUtcTo100ns(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DockerTime.ParseOrNull(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("not a time")]
    public void ParseOrNull_NeverOrUnreadable_IsNull(string? text)
    {
        Assert.Null(DockerTime.ParseOrNull(text));
    }

    [Fact]
    public void ToUnixQuery_GivesSecondsAndNineDigitNanoseconds()
    {
        Assert.Equal("1795274945.323807800", DockerTime.ToUnixQuery(DateTimeOffset.FromUnixTimeSeconds(1795274945).AddTicks(3238078)));
        Assert.Equal("0.000000000", DockerTime.ToUnixQuery(DateTimeOffset.UnixEpoch.AddDays(-1)));
    }

    [Theory]
    [InlineData("busybox", "busybox:latest")]
    [InlineData("127.0.0.1:5000/app", "127.0.0.1:5000/app:latest")]
    [InlineData("127.0.0.1:5000/app:1", "127.0.0.1:5000/app:1")]
    [InlineData("app@sha256:abc", "app@sha256:abc")]
    public void ImageReference_Normalize_AddsLatestOnlyWhenNothingIsPinned(string image, string expected)
    {
        Assert.Equal(expected, ImageReference.Normalize(image));
    }

    [Theory]
    [InlineData("busybox:1", null)]
    [InlineData("berth-test/busybox:latest", null)]
    [InlineData("127.0.0.1:9400/team/web:1", "127.0.0.1:9400")]
    [InlineData("registry.example.com/web", "registry.example.com")]
    [InlineData("localhost/web@sha256:abc", "localhost")]
    public void ImageReference_RegistryHost_OnlyWhenTheFirstPartIsAHost(string image, string? expected)
    {
        Assert.Equal(expected, ImageReference.RegistryHost(image));
    }

    [Theory]
    [InlineData("manifest for x:1 not found: manifest unknown: manifest unknown", HttpStatusCode.NotFound, PullFailure.ImageNotFound)]
    [InlineData("pull access denied for berth-test/does-not-exist, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", HttpStatusCode.NotFound, PullFailure.AccessDenied)]
    [InlineData("Head \"https://r.example/v2/app/manifests/1\": unauthorized: authentication required", HttpStatusCode.InternalServerError, PullFailure.AccessDenied)]
    [InlineData("Head \"http://127.0.0.1:40769/v2/app/manifests/1\": no basic auth credentials", HttpStatusCode.InternalServerError, PullFailure.AccessDenied)]
    [InlineData("manifest unknown", HttpStatusCode.InternalServerError, PullFailure.ImageNotFound)]
    [InlineData("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host", HttpStatusCode.InternalServerError, PullFailure.RegistryUnreachable)]
    [InlineData("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused", HttpStatusCode.InternalServerError, PullFailure.RegistryUnreachable)]
    [InlineData("Get \"https://r.example/v2/\": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)", HttpStatusCode.InternalServerError, PullFailure.RegistryUnreachable)]
    [InlineData("filesystem layer verification failed for digest sha256:371e", null, PullFailure.Other)]
    public void PullFailureClassifier_ReadsTheEnginesText(string message, HttpStatusCode? status, PullFailure expected)
    {
        Assert.Equal(expected, PullFailureClassifier.Classify(message, status));
    }
}
