using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Placement.Engine;

namespace Berth.Cli;

/// <summary>Reads what a placement plan is made from through the public ECS API only (every page, describes in batches of
/// the API's maximum), so <c>berth place</c> sees what any client sees and writes nothing.</summary>
public sealed class ClusterReader(EcsApiClient api, AccessKey key, string cluster)
{
    private const int PageSize = 100;

    public async Task<TaskDefinition> TaskDefinitionAsync(string name, CancellationToken ct)
    {
        var answer = await api.CallAsync(
            "DescribeTaskDefinition", new DescribeTaskDefinitionRequest { TaskDefinition = name },
            EcsJsonContext.Default.DescribeTaskDefinitionRequest, EcsJsonContext.Default.DescribeTaskDefinitionResponse, key, ct).ConfigureAwait(false);
        return answer.TaskDefinition ?? throw new AwsApiException(500, "ServerException", "DescribeTaskDefinition answered no task definition.");
    }

    /// <summary>The cluster's instances as RunTask considers them: every status but INACTIVE (ListContainerInstances' default).</summary>
    public async Task<List<ContainerInstance>> InstancesAsync(CancellationToken ct)
    {
        var arns = await AllPagesAsync(async next =>
        {
            var page = await api.CallAsync(
                "ListContainerInstances", new ListContainerInstancesRequest { Cluster = cluster, NextToken = next, MaxResults = PageSize },
                EcsJsonContext.Default.ListContainerInstancesRequest, EcsJsonContext.Default.ListContainerInstancesResponse, key, ct).ConfigureAwait(false);
            return (page.ContainerInstanceArns ?? [], page.NextToken);
        }).ConfigureAwait(false);
        return await DescribeAsync(arns, async batch =>
        {
            var described = await api.CallAsync(
                "DescribeContainerInstances", new DescribeContainerInstancesRequest { Cluster = cluster, ContainerInstances = batch },
                EcsJsonContext.Default.DescribeContainerInstancesRequest, EcsJsonContext.Default.DescribeContainerInstancesResponse, key, ct).ConfigureAwait(false);
            return described.ContainerInstances ?? [];
        }).ConfigureAwait(false);
    }

    /// <summary>Every task of the cluster that has not stopped, with where it is and its group. ListTasks lists by desired
    /// status, and a task desired STOPPED counts until its agent reports it stopped, so both lists are read (RUNNING first:
    /// a task stopped in between shows in the second, and is described once).</summary>
    public async Task<List<ClusterSnapshot.PlacedTask>> PlacedTasksAsync(CancellationToken ct)
    {
        var arns = new List<string>();
        foreach (var desired in new[] { DesiredStatus.Running, DesiredStatus.Stopped })
        {
            arns.AddRange(await AllPagesAsync(async next =>
            {
                var page = await api.CallAsync(
                    "ListTasks", new ListTasksRequest { Cluster = cluster, DesiredStatus = desired, NextToken = next, MaxResults = PageSize },
                    EcsJsonContext.Default.ListTasksRequest, EcsJsonContext.Default.ListTasksResponse, key, ct).ConfigureAwait(false);
                return (page.TaskArns ?? [], page.NextToken);
            }).ConfigureAwait(false));
        }

        var tasks = await DescribeAsync(arns.Distinct(StringComparer.Ordinal).ToList(), async batch =>
        {
            var described = await api.CallAsync(
                "DescribeTasks", new DescribeTasksRequest { Cluster = cluster, Tasks = batch },
                EcsJsonContext.Default.DescribeTasksRequest, EcsJsonContext.Default.DescribeTasksResponse, key, ct).ConfigureAwait(false);
            return described.Tasks ?? [];
        }).ConfigureAwait(false);
        return tasks
            .Where(t => t is { ContainerInstanceArn: not null, Group: not null } && t.LastStatus != TaskLifecycle.Stopped)
            .Select(t => new ClusterSnapshot.PlacedTask(t.ContainerInstanceArn!, t.Group!))
            .ToList();
    }

    /// <summary>Follows nextToken until the last page.</summary>
    private static async Task<List<string>> AllPagesAsync(Func<string?, Task<(List<string> Items, string? Next)>> page)
    {
        var all = new List<string>();
        string? next = null;
        do
        {
            var (items, token) = await page(next).ConfigureAwait(false);
            all.AddRange(items);
            next = token;
        }
        while (!string.IsNullOrEmpty(next));

        return all;
    }

    /// <summary>Describes <paramref name="arns"/> in batches of the most a Describe call takes.</summary>
    private static async Task<List<T>> DescribeAsync<T>(List<string> arns, Func<List<string>, Task<List<T>>> describe)
    {
        var all = new List<T>();
        foreach (var batch in arns.Chunk(PageSize))
        {
            all.AddRange(await describe([.. batch]).ConfigureAwait(false));
        }

        return all;
    }
}
