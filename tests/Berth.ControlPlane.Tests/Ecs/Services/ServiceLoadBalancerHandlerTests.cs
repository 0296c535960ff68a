using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Tests.Elb;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>CreateService and UpdateService with loadBalancers: checked against ELBv2 and the task definition with ECS's
/// words, stored on the service and its deployment's revision, and a change rolled out as a new deployment.</summary>
public sealed class ServiceLoadBalancerHandlerTests : ServiceHandlerTestBase
{
    private string group = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), new RegisterTaskDefinitionRequest
        {
            Family = "site",
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = "app", Image = "nginx", MemoryReservation = 128, PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 0 }],
                },
            ],
        }, default);
        group = Ecs.TargetGroups.Add("site");
    }

    [Fact]
    public async Task Create_WithATargetGroup_StoresItOnTheServiceAndTheRevision()
    {
        var service = await CreateAsync(change: r => r with { TaskDefinition = "site", LoadBalancers = [Balancer(group)] });

        Assert.Equal(group, Assert.Single(service.LoadBalancers!).TargetGroupArn);
        var revision = (await Ecs.Store.ServiceRevisions.GetAsync(
            Partition, EcsStore.ServiceDeploymentKey("prod", "svc", service.Deployments![0].Id!["ecs-svc/".Length..]), default))!.Value;
        Assert.Equal((group, "app", 80), (revision.LoadBalancers![0].TargetGroupArn, revision.LoadBalancers[0].ContainerName, revision.LoadBalancers[0].ContainerPort));
    }

    [Fact]
    public async Task Create_BadLoadBalancers_RefusedInEcsWords()
    {
        var unattached = Ecs.TargetGroups.Add("lonely", attached: false);
        var ip = Ecs.TargetGroups.Add("ips", targetType: "ip");
        var missing = FakeTargetRegistry.Arn("missing");

        string[] messages =
        [
            (await RefusedAsync(() => CreateWith(Balancer(missing)))).Message,
            (await RefusedAsync(() => CreateWith(Balancer(unattached)))).Message,
            (await RefusedAsync(() => CreateWith(Balancer(group) with { ContainerName = "sidecar" }))).Message,
            (await RefusedAsync(() => CreateWith(Balancer(group) with { ContainerPort = 8080 }))).Message,
            (await RefusedAsync(() => CreateWith(Balancer(ip)))).Message,
            (await RefusedAsync(() => CreateWith(new LoadBalancer { LoadBalancerName = "classic", ContainerName = "app", ContainerPort = 80 }))).Message,
            (await RefusedAsync(() => CreateWith(Balancer(group) with { ContainerPort = null }))).Message,
            (await RefusedAsync(() => CreateWith([.. Enumerable.Repeat(Balancer(group), 6)]))).Message,
        ];

        Assert.Equal(
            [
                $"The target group with targetGroupArn {missing} does not exist.",
                $"The target group {unattached} does not have an associated load balancer.",
                "The container sidecar does not exist in the task definition.",
                "The container app did not have a container port 8080 defined.",
                $"The provided target group {ip} has target type ip, which is incompatible with the bridge network mode specified in the task definition.",
                "The load balancer classic does not exist.",
                "A load balancer must specify a targetGroupArn, a containerName and a containerPort.",
                "load balancers can have at most 5 items.",
            ],
            messages);
        Assert.Equal(0, (await StoredClusterAsync()).ActiveServicesCount);
    }

    [Fact]
    public async Task Update_NewTargetGroup_StartsANewDeployment_AndIsChecked()
    {
        var created = await CreateAsync(change: r => r with { TaskDefinition = "site", LoadBalancers = [Balancer(group)] });
        var other = Ecs.TargetGroups.Add("blue");

        var refused = await RefusedAsync(() => UpdateAsync(new UpdateServiceRequest { LoadBalancers = [Balancer(other) with { ContainerPort = 443 }] }));
        var unchanged = await UpdateAsync(new UpdateServiceRequest { DesiredCount = 3, LoadBalancers = [Balancer(group)] });
        var updated = await UpdateAsync(new UpdateServiceRequest { LoadBalancers = [Balancer(other)] });

        Assert.Equal("The container app did not have a container port 443 defined.", refused.Message);
        Assert.Equal(created.Deployments![0].Id, Assert.Single(unchanged.Deployments!).Id);
        Assert.Equal(2, updated.Deployments!.Count);
        Assert.Equal(other, Assert.Single(updated.LoadBalancers!).TargetGroupArn);
    }

    [Fact]
    public async Task Update_NewDefinitionWithoutTheMappedContainer_Refused()
    {
        await CreateAsync(change: r => r with { TaskDefinition = "site", LoadBalancers = [Balancer(group)] });

        var refused = await RefusedAsync(() => UpdateAsync(new UpdateServiceRequest { TaskDefinition = "web" }));

        Assert.Equal("The container app did not have a container port 80 defined.", refused.Message);
    }

    private Task<Service> CreateWith(params List<LoadBalancer> balancers) =>
        CreateAsync(change: r => r with { TaskDefinition = "site", LoadBalancers = balancers });

    private static LoadBalancer Balancer(string targetGroupArn) => new() { TargetGroupArn = targetGroupArn, ContainerName = "app", ContainerPort = 80 };
}
