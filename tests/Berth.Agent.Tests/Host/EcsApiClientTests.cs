using System.Net;
using Berth.Agent.Host;
using Berth.Agent.Tests.Engine;
using Berth.AgentProtocol;
using Berth.Aws.Auth;

namespace Berth.Agent.Tests.Host;

/// <summary>The client speaks awsJson 1.1 with SigV4 and turns AWS error bodies into typed exceptions.</summary>
public sealed class EcsApiClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Uri Endpoint = new("http://127.0.0.1:9400");

    [Fact]
    public async Task RequestIsSignedAwsJson()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.OK, "{}"));
        await Client(handler).CreateClusterAsync("c1", Fixtures.AdminKey, CancellationToken.None);

        var call = Assert.Single(handler.Calls);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.CreateCluster", call.Target);
        Assert.Equal("application/x-amz-json-1.1", call.Request.Content!.Headers.ContentType!.MediaType);
        Assert.Contains("\"clusterName\":\"c1\"", call.Body, StringComparison.Ordinal);

        var expected = SigV4Signer.Sign(
            new SigV4Request(
                "POST",
                "/",
                string.Empty,
                [
                    new("Host", Endpoint.Authority),
                    new("X-Amz-Date", SigV4Signer.FormatAmzDate(Now)),
                    new("Content-Type", "application/x-amz-json-1.1"),
                    new("X-Amz-Target", call.Target!),
                ],
                System.Text.Encoding.UTF8.GetBytes(call.Body)),
            new Credential(Fixtures.AdminKey.Id, Fixtures.AdminKey.Secret, string.Empty, string.Empty),
            "us-east-1",
            AgentPaths.SigningService,
            Now);
        Assert.Equal(expected, call.Authorization);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDADMIN/20260102/us-east-1/", call.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsErrorBodyBecomesAwsApiException()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Error(HttpStatusCode.BadRequest, "ClusterNotFoundException", "gone"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Client(handler).CreateClusterAsync("c1", Fixtures.AdminKey, CancellationToken.None));

        Assert.Equal("ClusterNotFoundException", error.Code);
        Assert.Equal(400, error.Status);
        Assert.Contains("gone", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsPermanent);
    }

    [Fact]
    public async Task BodyWithoutErrorTypeKeepsTheStatus()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.BadGateway, "<html>"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Client(handler).CreateClusterAsync("c1", Fixtures.AdminKey, CancellationToken.None));

        Assert.Equal(502, error.Status);
        Assert.Equal("ServerException", error.Code);
        Assert.False(error.IsPermanent);
    }

    [Theory]
    [InlineData(400, "InvalidParameterException", true)]
    [InlineData(400, "ThrottlingException", false)]
    [InlineData(429, "TooManyRequestsException", false)]
    [InlineData(500, "ServerException", false)]
    [InlineData(503, "ServiceUnavailableException", false)]
    public void OnlyNonThrottlingClientErrorsArePermanent(int status, string code, bool permanent) =>
        Assert.Equal(permanent, new AwsApiException(status, code, "m").IsPermanent);

    [Fact]
    public void PresignedChannelUrlCarriesTheInstanceAndSignature()
    {
        var client = Client(new ScriptedHandler(_ => throw new InvalidOperationException("no call expected")));

        var url = client.PresignChannel(new Uri("http://127.0.0.1:9401"), "arn:aws:ecs:us-east-1:0:container-instance/default/i1", new AccessKey("AKIDI", "s"));

        Assert.Equal("ws", url.Scheme);
        Assert.Equal("127.0.0.1:9401", url.Authority);
        Assert.Equal(AgentPaths.Channel, url.AbsolutePath);
        Assert.Contains(AgentPaths.InstanceParameter + "=" + Uri.EscapeDataString("arn:aws:ecs:us-east-1:0:container-instance/default/i1"), url.Query, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        Assert.Contains("AKIDI", url.Query, StringComparison.Ordinal);
    }

    private static EcsApiClient Client(ScriptedHandler handler) =>
        new(new HttpClient(handler), Endpoint, "us-east-1", new ManualTimeProvider(Now));
}
