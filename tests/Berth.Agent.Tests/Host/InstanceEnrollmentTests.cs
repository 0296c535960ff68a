using System.Net;
using Berth.Agent.Host;
using Berth.Agent.Tests.Engine;
using Berth.AgentProtocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Agent.Tests.Host;

/// <summary>Enrollment registers once, keeps the instance's own key, and re-attaches with it after a restart.</summary>
public sealed class InstanceEnrollmentTests : IDisposable
{
    private const string Register = "AmazonEC2ContainerServiceV20141113.RegisterContainerInstance";
    private const string CreateCluster = "AmazonEC2ContainerServiceV20141113.CreateCluster";
    private const string InstanceArn = "arn:aws:ecs:us-east-1:000000000000:container-instance/default/i1";
    private static readonly AccessKey InstanceKey = new("AKIDINSTANCE", "instance-secret");

    private readonly List<string> dirs = [];

    [Fact]
    public async Task FirstStartRegistersWithAdminKeyAndSavesAnIssuedKey()
    {
        var options = Options();
        var handler = new ScriptedHandler(Answer());

        var identity = await Enroll(options, handler);

        Assert.Equal(new AgentIdentity("default", InstanceArn, InstanceKey.Id, InstanceKey.Secret), identity);
        Assert.Equal([Register, null], handler.Calls.Select(c => c.Target));
        Assert.All(handler.Calls, c => Assert.Contains("Credential=AKIDADMIN/", c.Authorization, StringComparison.Ordinal));
        Assert.Equal(AgentPaths.Credentials, handler.Calls[1].Path);
        Assert.Equal(identity, new AgentIdentityFile(options.DataDir).Load());
    }

    [Fact]
    public async Task RestartReattachesWithTheStoredArnAndInstanceKey()
    {
        var options = Options();
        new AgentIdentityFile(options.DataDir).Save(new AgentIdentity("default", InstanceArn, InstanceKey.Id, InstanceKey.Secret));
        var handler = new ScriptedHandler(Answer());

        var identity = await Enroll(options, handler);

        Assert.Equal(InstanceArn, identity.ContainerInstanceArn);
        var call = Assert.Single(handler.Calls);
        Assert.Equal(Register, call.Target);
        Assert.Contains("Credential=AKIDINSTANCE/", call.Authorization, StringComparison.Ordinal);
        Assert.Contains(InstanceArn, call.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedInstanceKeyFallsBackToTheAdminKey()
    {
        var options = Options();
        new AgentIdentityFile(options.DataDir).Save(new AgentIdentity("default", InstanceArn, "AKIDREVOKED", "old"));
        var handler = new ScriptedHandler(Answer(refuse: "AKIDREVOKED"));

        var identity = await Enroll(options, handler);

        Assert.Equal(InstanceKey.Id, identity.AccessKeyId);
        Assert.Equal([Register, Register, null], handler.Calls.Select(c => c.Target));
        Assert.Contains("Credential=AKIDADMIN/", handler.Calls[1].Authorization, StringComparison.Ordinal);
        Assert.Contains(InstanceArn, handler.Calls[1].Body, StringComparison.Ordinal);
        Assert.Equal(identity, new AgentIdentityFile(options.DataDir).Load());
    }

    [Fact]
    public async Task MissingDefaultClusterIsCreated()
    {
        var created = false;
        var handler = new ScriptedHandler(call =>
        {
            if (call.Target == CreateCluster)
            {
                created = true;
                return ScriptedHandler.Json(HttpStatusCode.OK, "{}");
            }

            return call.Target == Register && !created
                ? ScriptedHandler.Error(HttpStatusCode.BadRequest, "ClusterNotFoundException")
                : Answer()(call);
        });

        var identity = await Enroll(Options(), handler);

        Assert.Equal(InstanceArn, identity.ContainerInstanceArn);
        Assert.Equal([Register, CreateCluster, Register, null], handler.Calls.Select(c => c.Target));
    }

    [Fact]
    public async Task MissingOtherClusterSurfaces()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Error(HttpStatusCode.BadRequest, "ClusterNotFoundException"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Enroll(Options("prod"), handler));

        Assert.Equal("ClusterNotFoundException", error.Code);
        Assert.DoesNotContain(handler.Calls, c => c.Target == CreateCluster);
    }

    public void Dispose()
    {
        foreach (var dir in dirs.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private AgentOptions Options(string cluster = "default")
    {
        var options = Fixtures.Options(cluster);
        dirs.Add(options.DataDir);
        return options;
    }

    private static Task<AgentIdentity> Enroll(AgentOptions options, ScriptedHandler handler)
    {
        var api = new EcsApiClient(new HttpClient(handler), options.Endpoint, options.Region, new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
        var enrollment = new InstanceEnrollment(api, options, new AgentIdentityFile(options.DataDir), NullLogger.Instance);
        return enrollment.EnrollAsync(Fixtures.Engine(), CancellationToken.None);
    }

    /// <summary>A control plane that knows the cluster, refuses one key, and issues <see cref="InstanceKey"/>.</summary>
    private static Func<ScriptedHandler.Call, HttpResponseMessage> Answer(string? refuse = null) => call =>
        call.Authorization!.Contains($"Credential={refuse}/", StringComparison.Ordinal)
            ? ScriptedHandler.Error(HttpStatusCode.BadRequest, "UnrecognizedClientException")
            : call.Target is null
                ? ScriptedHandler.Json(HttpStatusCode.OK, $$"""{"accessKeyId":"{{InstanceKey.Id}}","secretAccessKey":"{{InstanceKey.Secret}}","containerInstanceArn":"{{InstanceArn}}"}""")
                : ScriptedHandler.Json(HttpStatusCode.OK, $$$"""{"containerInstance":{"containerInstanceArn":"{{{InstanceArn}}}"}}""");
}
