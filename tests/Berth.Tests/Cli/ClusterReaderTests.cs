using System.Net;
using System.Text.Json;
using Berth.Agent.Host;
using Berth.Agent.Tests.Host;
using Berth.Aws.Generated.Ecs;
using Berth.Cli;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.Tests.Cli;

/// <summary>The dry run's reads over a faked ECS API: every page is followed, describes go in batches of 100, and the tasks
/// that count are those not stopped, whichever desired status listed them, each once.</summary>
public sealed class ClusterReaderTests
{
    private const string Cluster = "c1";
    private const string InstancePrefix = "arn:aws:ecs:us-east-1:123456789012:container-instance/c1/";

    [Fact]
    public async System.Threading.Tasks.Task Instances_FollowsEveryPage_DescribesInBatchesOf100()
    {
        var arns = Enumerable.Range(0, 250).Select(i => $"{InstancePrefix}{i:D4}").ToList();
        var handler = new ScriptedHandler(call => call.Target switch
        {
            _ when call.Target!.EndsWith(".ListContainerInstances", StringComparison.Ordinal) => Page(call, arns),
            _ => Answer(new DescribeContainerInstancesResponse
            {
                ContainerInstances = Read(call, EcsJsonContext.Default.DescribeContainerInstancesRequest).ContainerInstances!
                    .Select(arn => new ContainerInstance { ContainerInstanceArn = arn }).ToList(),
            }, EcsJsonContext.Default.DescribeContainerInstancesResponse),
        });

        var instances = await Reader(handler).InstancesAsync(CancellationToken.None);

        Assert.Equal(arns, instances.Select(i => i.ContainerInstanceArn));
        var describes = handler.Calls.Where(c => c.Target!.EndsWith(".DescribeContainerInstances", StringComparison.Ordinal))
            .Select(c => Read(c, EcsJsonContext.Default.DescribeContainerInstancesRequest).ContainerInstances!.Count);
        Assert.Equal([100, 100, 50], describes);
        Assert.All(handler.Calls, c => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/", c.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task PlacedTasks_ListsBothDesiredStatuses_DescribesEachOnce_DropsStoppedOnes()
    {
        var tasks = new Dictionary<string, EcsTask>
        {
            ["t-running"] = TaskOf("t-running", "RUNNING", "family:web"),
            ["t-stopping"] = TaskOf("t-stopping", "RUNNING", "service:api"),
            ["t-stopped"] = TaskOf("t-stopped", "STOPPED", "family:web"),
        };
        var handler = new ScriptedHandler(call =>
        {
            if (call.Target!.EndsWith(".ListTasks", StringComparison.Ordinal))
            {
                var desired = Read(call, EcsJsonContext.Default.ListTasksRequest).DesiredStatus;
                // t-stopping was asked to stop between the two listings, so both show it.
                return Answer(new ListTasksResponse { TaskArns = desired == "RUNNING" ? ["t-running", "t-stopping"] : ["t-stopping", "t-stopped"] }, EcsJsonContext.Default.ListTasksResponse);
            }

            var asked = Read(call, EcsJsonContext.Default.DescribeTasksRequest).Tasks!;
            return Answer(new DescribeTasksResponse { Tasks = asked.Select(t => tasks[t]).ToList() }, EcsJsonContext.Default.DescribeTasksResponse);
        });

        var placed = await Reader(handler).PlacedTasksAsync(CancellationToken.None);

        Assert.Equal([("t-running", "family:web"), ("t-stopping", "service:api")], placed.Select(p => (p.ContainerInstanceArn[InstancePrefix.Length..], p.Group)).ToArray());
        var describe = Assert.Single(handler.Calls, c => c.Target!.EndsWith(".DescribeTasks", StringComparison.Ordinal));
        Assert.Equal(["t-running", "t-stopping", "t-stopped"], Read(describe, EcsJsonContext.Default.DescribeTasksRequest).Tasks!);
    }

    [Fact]
    public async System.Threading.Tasks.Task AnErrorAnswer_IsAnAwsApiExceptionWithItsCode()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Error(HttpStatusCode.BadRequest, "ClusterNotFoundException", "Cluster not found."));

        var e = await Assert.ThrowsAsync<AwsApiException>(() => Reader(handler).InstancesAsync(CancellationToken.None));

        Assert.Equal("ClusterNotFoundException: Cluster not found.", e.Message);
    }

    private static ClusterReader Reader(ScriptedHandler handler) =>
        new(new EcsApiClient(new HttpClient(handler), new Uri("http://127.0.0.1:9400"), "us-east-1", TimeProvider.System), new AccessKey("AKIDTEST", "secret"), Cluster);

    /// <summary>One page of ListContainerInstances: maxResults items after the token (an index).</summary>
    private static HttpResponseMessage Page(ScriptedHandler.Call call, List<string> arns)
    {
        var request = Read(call, EcsJsonContext.Default.ListContainerInstancesRequest);
        Assert.Equal(Cluster, request.Cluster);
        var start = request.NextToken is null ? 0 : int.Parse(request.NextToken, System.Globalization.CultureInfo.InvariantCulture);
        var end = Math.Min(start + request.MaxResults!.Value, arns.Count);
        return Answer(
            new ListContainerInstancesResponse { ContainerInstanceArns = arns[start..end], NextToken = end < arns.Count ? end.ToString(System.Globalization.CultureInfo.InvariantCulture) : null },
            EcsJsonContext.Default.ListContainerInstancesResponse);
    }

    private static EcsTask TaskOf(string arn, string lastStatus, string group) =>
        new() { TaskArn = arn, LastStatus = lastStatus, Group = group, ContainerInstanceArn = InstancePrefix + arn };

    private static T Read<T>(ScriptedHandler.Call call, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(call.Body, type)!;

    private static HttpResponseMessage Answer<T>(T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        ScriptedHandler.Json(HttpStatusCode.OK, JsonSerializer.Serialize(body, type));
}
