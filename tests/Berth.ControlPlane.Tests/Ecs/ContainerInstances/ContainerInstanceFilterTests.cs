using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

/// <summary>ListContainerInstances with a cluster query language filter, combined with status, pagination and the
/// task groups of the cluster's tasks.</summary>
public sealed class ContainerInstanceFilterTests : EcsHandlerTests
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "prod" }, default);
    }

    [Fact]
    public async Task List_AttributeFilters_OnlyMatchingInstances()
    {
        var small = await RegisterAsync("t2.micro", "us-east-1a", retiring: "true");
        var large = await RegisterAsync("m5.large", "us-east-1b", retiring: "false");
        var host = await RegisterAsync(null, "us-east-1c");

        Assert.Equal([small], await ListAsync("attribute:ecs.instance-type =~ t2.*"));
        Assert.Equal([host], await ListAsync("attribute:ecs.instance-type == berth.host"));
        Assert.Equal([small, large], await ListAsync("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"));
        Assert.Equal([large], await ListAsync("attribute:retiring != true"));
        Assert.Equal([large, host], await ListAsync("not(attribute:retiring == true)"));
        Assert.Equal([host], await ListAsync("attribute:retiring !exists"));
        Assert.Equal([small, large, host], await ListAsync("runningTasksCount == 0 and agentConnected == false"));
        Assert.Empty(await ListAsync("attribute:ecs.instance-type == c5.xlarge"));
    }

    [Fact]
    public async Task List_FilterAndStatus_BothApply()
    {
        var active = await RegisterAsync("t2.micro", "us-east-1a");
        var draining = await RegisterAsync("t2.small", "us-east-1a");
        await RegisterAsync("m5.large", "us-east-1a");
        await Ecs.Instances.UpdateContainerInstancesState(
            Ecs.Caller(), new UpdateContainerInstancesStateRequest { Cluster = "prod", ContainerInstances = [draining], Status = "DRAINING" }, default);

        Assert.Equal([active, draining], await ListAsync("attribute:ecs.instance-type =~ t2.*"));
        Assert.Equal([draining], await ListAsync("attribute:ecs.instance-type =~ t2.*", "DRAINING"));
        Assert.Equal([active], await ListAsync("attribute:ecs.instance-type =~ t2.*", "ACTIVE"));
    }

    [Fact]
    public async Task List_FilterPagesOfTwo_FullPagesOfMatchesEachOnce()
    {
        var matching = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var arn = await RegisterAsync(i % 2 == 0 ? "t2.micro" : "m5.large", "us-east-1a");
            if (i % 2 == 0)
            {
                matching.Add(arn);
            }
        }

        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = await Ecs.Instances.ListContainerInstances(Ecs.Caller(), new ListContainerInstancesRequest
            {
                Cluster = "prod", Filter = "attribute:ecs.instance-type == t2.micro", MaxResults = 2, NextToken = token,
            }, default);
            pages.Add(page.ContainerInstanceArns!);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(matching, pages.SelectMany(p => p));
        Assert.Equal([2, 2], pages.Take(2).Select(p => p.Count));
    }

    [Fact]
    public async Task List_TaskGroupFilter_GroupsOfTasksThatHaveNotStopped()
    {
        var web = await RegisterAsync("t2.micro", "us-east-1a");
        var database = await RegisterAsync("t2.micro", "us-east-1a");
        var idle = await RegisterAsync("t2.micro", "us-east-1a");
        await PutTaskAsync("t1", web, "service:web", "RUNNING");
        await PutTaskAsync("t2", database, "database", "PENDING");
        await PutTaskAsync("t3", idle, "database", "STOPPED");

        Assert.Equal([database], await ListAsync("task:group == database"));
        Assert.Equal([web, idle], await ListAsync("not(task:group == database)"));
        Assert.Equal([web], await ListAsync("task:group =~ service:.* && attribute:ecs.instance-type == t2.micro"));
        Assert.Equal([idle], await ListAsync("task:group !exists"));
    }

    [Theory]
    [InlineData("ec2InstanceType == t2.micro", "Invalid filter expression at position 0: expected a subject")]
    [InlineData("runningTasksCount > many", "Invalid filter expression at position 20: runningTasksCount compares with a whole number, not 'many'")]
    public async Task List_InvalidFilter_InvalidParameterExceptionNamingThePosition(string filter, string message)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => ListAsync(filter));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FilterOver2000Characters_InvalidParameterException() =>
        Assert.Contains(
            "limited to 2000 characters",
            (await Assert.ThrowsAsync<AwsException>(() => ListAsync("attribute:a == " + new string('x', 2000)))).Message,
            StringComparison.Ordinal);

    /// <summary>Without an instance type the instance gets Berth's default, berth.host.</summary>
    private async Task<string> RegisterAsync(string? instanceType, string zone, string? retiring = null)
    {
        List<Attribute> attributes = [new Attribute { Name = "ecs.availability-zone", Value = zone }];
        if (instanceType is not null)
        {
            attributes.Add(new Attribute { Name = "ecs.instance-type", Value = instanceType });
        }

        if (retiring is not null)
        {
            attributes.Add(new Attribute { Name = "retiring", Value = retiring });
        }

        var registered = await Ecs.Registration.RegisterContainerInstance(Ecs.Caller(), InstanceRequests.Register(attributes: attributes), default);
        return registered.ContainerInstance!.ContainerInstanceArn!;
    }

    private async Task PutTaskAsync(string id, string instanceArn, string group, string lastStatus) =>
        await Ecs.Store.Store.ApplyAsync(
            [Ecs.Store.Tasks.Put(InstanceRequests.Partition, EcsStore.TaskKey("prod", id),
                new Berth.Aws.Generated.Ecs.Task { ContainerInstanceArn = instanceArn, Group = group, LastStatus = lastStatus }, 0)],
            default);

    private async Task<List<string>> ListAsync(string filter, string? status = null) =>
        (await Ecs.Instances.ListContainerInstances(
            Ecs.Caller(), new ListContainerInstancesRequest { Cluster = "prod", Filter = filter, Status = status }, default)).ContainerInstanceArns!;
}
