using System.Net;
using Berth.Agent.Docker;
using Berth.Agent.Host;
using Berth.Agent.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Agent.Tests.Host;

/// <summary>Registry tokens: asked for only for images naming a registry host, used only for the host the control plane names,
/// kept until shortly before they expire, and a failed renewal fails only pulls of Berth's registry.</summary>
public sealed class EcrRegistryCredentialsTests
{
    private const string BerthImage = "127.0.0.1:9400/team/web:1";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly AccessKey InstanceKey = new("AKIDINSTANCE", "instance-secret");

    private readonly ManualTimeProvider time = new(Now);
    private bool refusing;

    [Theory]
    [InlineData("berth-test/busybox:latest")]
    [InlineData("busybox")]
    public async Task ImageWithoutRegistryHost_NoCallAndNoCredentials(string image)
    {
        var (credentials, handler) = Create();

        Assert.Null(await credentials.ForImageAsync(image, CancellationToken.None));
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task BerthImage_GetsTheTokenAsUserAndPasswordForItsHost()
    {
        var (credentials, handler) = Create();

        var auth = await credentials.ForImageAsync(BerthImage, CancellationToken.None);

        Assert.Equal(("AWS", "pw", "127.0.0.1:9400"), (auth?.Username, auth?.Password, auth?.ServerAddress));
        var call = Assert.Single(handler.Calls);
        Assert.Equal("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken", call.Target);
        Assert.Contains("Credential=AKIDINSTANCE/20260102/us-east-1/ecr/aws4_request", call.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IsKeptUntilShortlyBeforeItExpires()
    {
        var (credentials, handler) = Create();
        await credentials.ForImageAsync(BerthImage, CancellationToken.None);

        time.Advance(TimeSpan.FromHours(12) - EcrRegistryCredentials.RenewBefore - TimeSpan.FromSeconds(1));
        await credentials.ForImageAsync(BerthImage, CancellationToken.None);
        Assert.Single(handler.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await credentials.ForImageAsync(BerthImage, CancellationToken.None));
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task RefusedToken_IsNotAnsweredAgain_ButAStaleOneIsIgnored()
    {
        var (credentials, handler) = Create();
        var first = await credentials.ForImageAsync(BerthImage, CancellationToken.None);
        credentials.Refused(first!);

        var second = await credentials.ForImageAsync(BerthImage, CancellationToken.None);
        credentials.Refused(first!);
        await credentials.ForImageAsync(BerthImage, CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task OtherRegistryHost_PullsAnonymously()
    {
        var (credentials, _) = Create();

        Assert.Null(await credentials.ForImageAsync("registry.example.com/web:1", CancellationToken.None));
    }

    [Fact]
    public async Task Refused_BeforeAnyToken_PullsAnonymously()
    {
        var (credentials, handler) = Create();
        refusing = true;

        Assert.Null(await credentials.ForImageAsync(BerthImage, CancellationToken.None));
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task RenewalRefused_FailsPullsOfBerthsRegistryOnly()
    {
        var (credentials, _) = Create();
        await credentials.ForImageAsync(BerthImage, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(12));
        refusing = true;

        var error = await Assert.ThrowsAsync<DockerPullException>(() => credentials.ForImageAsync(BerthImage, CancellationToken.None).AsTask());
        Assert.Equal($"pull image {BerthImage}: could not get an authorization token for 127.0.0.1:9400: AccessDeniedException: no", error.Message);
        Assert.Null(await credentials.ForImageAsync("registry.example.com/web:1", CancellationToken.None));
    }

    private (EcrRegistryCredentials Credentials, ScriptedHandler Handler) Create()
    {
        var expiresAt = Now.AddHours(12).ToUnixTimeSeconds();
        var handler = new ScriptedHandler(_ => refusing
            ? ScriptedHandler.Error(HttpStatusCode.BadRequest, "AccessDeniedException", "no")
            : ScriptedHandler.Json(HttpStatusCode.OK,
                $$"""{"authorizationData":[{"authorizationToken":"QVdTOnB3","expiresAt":{{expiresAt}},"proxyEndpoint":"http://127.0.0.1:9400"}]}"""));
        var caller = new AwsJsonClient(new HttpClient(handler), new Uri("http://127.0.0.1:9400"), time);
        return (new EcrRegistryCredentials(new EcrApiClient(caller, "us-east-1"), InstanceKey, time, NullLogger.Instance), handler);
    }
}
