using System.Text.RegularExpressions;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>CreateService, UpdateService, DeleteService, DescribeServices, ListServices, service tags and what services mean
/// for DeleteCluster.</summary>
public sealed partial class ServiceHandlersTests : ServiceHandlerTestBase
{
    private const string ServiceArn = "arn:aws:ecs:us-east-1:123456789012:service/prod/svc";
    private const string WebArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1";

    [Fact]
    public async Task Create_Replica_ActiveWithDefaultsAndOnePrimaryDeployment()
    {
        var service = await CreateAsync();

        Assert.Equal((ServiceArn, "svc", "arn:aws:ecs:us-east-1:123456789012:cluster/prod"), (service.ServiceArn, service.ServiceName, service.ClusterArn));
        Assert.Equal(("ACTIVE", 2, 0, 0), (service.Status, service.DesiredCount, service.RunningCount, service.PendingCount));
        Assert.Equal(("EC2", "REPLICA", WebArn), (service.LaunchType, service.SchedulingStrategy, service.TaskDefinition));
        Assert.Equal((100, 200), (service.DeploymentConfiguration!.MinimumHealthyPercent, service.DeploymentConfiguration.MaximumPercent));
        Assert.Equal((EcsHarness.AliceArn, EcsHarness.Start), (service.CreatedBy, service.CreatedAt));
        Assert.Equal(("ECS", "NONE", false, false), (service.DeploymentController!.Type, service.PropagateTags, service.EnableECSManagedTags, service.EnableExecuteCommand));
        Assert.Null(service.HealthCheckGracePeriodSeconds);
        Assert.Empty(service.Events!);
        var primary = Assert.Single(service.Deployments!);
        Assert.Matches(DeploymentId(), primary.Id);
        Assert.Equal(("PRIMARY", WebArn, 2, "IN_PROGRESS", "EC2"), (primary.Status, primary.TaskDefinition, primary.DesiredCount, primary.RolloutState, primary.LaunchType));
        Assert.Equal((EcsHarness.Start, EcsHarness.Start), (primary.CreatedAt, primary.UpdatedAt));
        Assert.Equal(1, (await StoredClusterAsync()).ActiveServicesCount);
    }

    [Fact]
    public async Task Create_Daemon_NoDesiredCountAndDaemonDefaults()
    {
        var service = await CreateAsync(change: r => r with { DesiredCount = null, SchedulingStrategy = "DAEMON", LaunchType = "EXTERNAL" });

        Assert.Equal(("DAEMON", "EXTERNAL", 0), (service.SchedulingStrategy, service.LaunchType, service.DesiredCount));
        Assert.Equal((0, 100), (service.DeploymentConfiguration!.MinimumHealthyPercent, service.DeploymentConfiguration.MaximumPercent));
    }

    [Fact]
    public async Task Create_KeepsGivenFields()
    {
        var service = await CreateAsync(change: r => r with
        {
            HealthCheckGracePeriodSeconds = 30,
            PropagateTags = "SERVICE",
            EnableECSManagedTags = true,
            EnableExecuteCommand = true,
            Tags = [new Tag { Key = "team", Value = "core" }],
            PlacementStrategy = [new PlacementStrategy { Type = "spread", Field = "attribute:ecs.availability-zone" }],
            DeploymentConfiguration = new DeploymentConfiguration
            {
                MinimumHealthyPercent = 50,
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            },
        });

        Assert.Equal((30, "SERVICE", true, true), (service.HealthCheckGracePeriodSeconds, service.PropagateTags, service.EnableECSManagedTags, service.EnableExecuteCommand));
        Assert.Equal("core", Assert.Single(service.Tags!).Value);
        Assert.Equal("attribute:ecs.availability-zone", Assert.Single(service.PlacementStrategy!).Field);
        Assert.Equal((50, 200, true), (service.DeploymentConfiguration!.MinimumHealthyPercent, service.DeploymentConfiguration.MaximumPercent,
            service.DeploymentConfiguration.DeploymentCircuitBreaker!.Rollback));
    }

    [Fact]
    public async Task Create_BadInput_RefusedWithTheRightError()
    {
        await Ecs.TaskDefinitions.DeregisterTaskDefinition(Ecs.Caller(), new DeregisterTaskDefinitionRequest { TaskDefinition = "web:1" }, default);
        await DefinitionAsync(family: "api");

        var noCluster = await RefusedAsync(() => CreateAsync(change: r => r with { Cluster = "nope" }));
        var noDefinition = await RefusedAsync(() => CreateAsync(change: r => r with { TaskDefinition = "missing" }));
        var inactive = await RefusedAsync(() => CreateAsync(change: r => r with { TaskDefinition = "web:1" }));
        var loadBalancers = await RefusedAsync(() => CreateAsync(change: r => r with
        {
            TaskDefinition = "api",
            LoadBalancers = [new LoadBalancer { TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1" }],
        }));

        Assert.Equal(("ClusterNotFoundException", "Cluster not found."), (noCluster.Code, noCluster.Message));
        Assert.Equal(("ClientException", "Unable to describe task definition."), (noDefinition.Code, noDefinition.Message));
        Assert.Equal(("InvalidParameterException", "TaskDefinition is inactive"), (inactive.Code, inactive.Message));
        Assert.Equal(
            ("InvalidParameterException", "A load balancer must specify a targetGroupArn, a containerName and a containerPort."),
            (loadBalancers.Code, loadBalancers.Message));
        Assert.Equal(0, (await StoredClusterAsync()).ActiveServicesCount);
    }

    [Fact]
    public async Task Create_SameRequestAgain_AnswersTheServiceUnchanged_OtherParametersRefused()
    {
        var first = await CreateAsync();
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await CreateAsync();
        var other = await RefusedAsync(() => CreateAsync(change: r => r with { DesiredCount = 3 }));

        Assert.Equal(first.Deployments!.Single().Id, again.Deployments!.Single().Id);
        Assert.Equal(EcsHarness.Start, again.CreatedAt);
        Assert.Equal(("InvalidParameterException", "Creation of service was not idempotent."), (other.Code, other.Message));
        Assert.Equal(1, (await StoredClusterAsync()).ActiveServicesCount);
    }

    [Fact]
    public async Task Create_NameOfDrainingService_Refused_OfInactiveService_Replaced()
    {
        await CreateAsync(change: r => r with { DesiredCount = 0 });
        await DeleteAsync();

        var draining = await RefusedAsync(() => CreateAsync());
        await ChangeStoredAsync(s => s with { Service = s.Service with { Status = ServiceStatus.Inactive } });
        Ecs.Time.Advance(TimeSpan.FromMinutes(5));
        var replaced = await CreateAsync();

        Assert.Equal("InvalidParameterException", draining.Code);
        Assert.StartsWith("A service with this name is being deleted", draining.Message, StringComparison.Ordinal);
        Assert.Equal(("ACTIVE", EcsHarness.Start.AddMinutes(5)), (replaced.Status, replaced.CreatedAt));
        Assert.Equal(1, (await StoredClusterAsync()).ActiveServicesCount);
    }

    [Fact]
    public async Task Describe_ByNameAndArn_TagsOnlyWhenAsked_UnknownIsMissing()
    {
        await CreateAsync(change: r => r with { Tags = [new Tag { Key = "k", Value = "v" }] });

        var plain = await Ecs.Services.DescribeServices(Ecs.Caller(), new DescribeServicesRequest { Cluster = "prod", Services = ["svc", "nope"] }, default);
        var tagged = await Ecs.Services.DescribeServices(
            Ecs.Caller(), new DescribeServicesRequest { Cluster = "prod", Services = [ServiceArn], Include = ["TAGS"] }, default);

        Assert.Null(Assert.Single(plain.Services!).Tags);
        var missing = Assert.Single(plain.Failures!);
        Assert.Equal(("arn:aws:ecs:us-east-1:123456789012:service/prod/nope", "MISSING"), (missing.Arn, missing.Reason));
        Assert.Equal("v", Assert.Single(Assert.Single(tagged.Services!).Tags!).Value);
    }

    [Fact]
    public async Task Describe_MoreThanTen_Refused()
    {
        var error = await RefusedAsync(() => Ecs.Services.DescribeServices(
            Ecs.Caller(), new DescribeServicesRequest { Cluster = "prod", Services = Enumerable.Range(0, 11).Select(i => $"s{i}").ToList() }, default).AsTask());

        Assert.Equal(("InvalidParameterException", "services can have at most 10 items."), (error.Code, error.Message));
    }

    [Fact]
    public async Task List_ActiveOnly_FilteredAndPaginated()
    {
        await CreateAsync("a");
        await CreateAsync("b", r => r with { LaunchType = "EXTERNAL" });
        await CreateAsync("c", r => r with { DesiredCount = null, SchedulingStrategy = "DAEMON" });
        await CreateAsync("d", r => r with { DesiredCount = 0 });
        await DeleteAsync("d");

        var all = await ListAsync(new ListServicesRequest());
        var first = await Ecs.Services.ListServices(Ecs.Caller(), new ListServicesRequest { Cluster = "prod", MaxResults = 2 }, default);
        var second = await Ecs.Services.ListServices(Ecs.Caller(), new ListServicesRequest { Cluster = "prod", NextToken = first.NextToken }, default);

        Assert.Equal(["a", "b", "c"], all);
        Assert.Equal(["b"], await ListAsync(new ListServicesRequest { LaunchType = "EXTERNAL" }));
        Assert.Equal(["c"], await ListAsync(new ListServicesRequest { SchedulingStrategy = "DAEMON" }));
        Assert.Equal((2, 1), (first.ServiceArns!.Count, second.ServiceArns!.Count));
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task Update_DesiredCountOnly_SamePrimaryDeploymentScaledAndTouched()
    {
        var created = await CreateAsync();
        Ecs.Time.Advance(TimeSpan.FromMinutes(2));

        var updated = await UpdateAsync(new UpdateServiceRequest { DesiredCount = 5, HealthCheckGracePeriodSeconds = 60 });

        var primary = Assert.Single(updated.Deployments!);
        Assert.Equal(created.Deployments!.Single().Id, primary.Id);
        Assert.Equal((5, 5, 60), (updated.DesiredCount, primary.DesiredCount, updated.HealthCheckGracePeriodSeconds));
        Assert.Equal(EcsHarness.Start.AddMinutes(2), primary.UpdatedAt);
    }

    [Fact]
    public async Task Update_NewTaskDefinition_StartsPrimaryDeployment_PreviousBecomesActive()
    {
        var created = await CreateAsync();
        await DefinitionAsync();
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));

        var updated = await UpdateAsync(new UpdateServiceRequest { TaskDefinition = "web:2", DesiredCount = 3 });

        Assert.Equal(["PRIMARY", "ACTIVE"], updated.Deployments!.Select(d => d.Status));
        var (primary, old) = (updated.Deployments![0], updated.Deployments[1]);
        Assert.Equal(("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2", 3), (primary.TaskDefinition, primary.DesiredCount));
        Assert.Equal(created.Deployments!.Single().Id, old.Id);
        Assert.Equal(primary.TaskDefinition, updated.TaskDefinition);
    }

    [Fact]
    public async Task Update_ForceOrPlacementChange_StartsDeployment_SameSettingsDoNot()
    {
        await CreateAsync();

        var same = await UpdateAsync(new UpdateServiceRequest { TaskDefinition = "web:1", PlacementConstraints = [] });
        var forced = await UpdateAsync(new UpdateServiceRequest { ForceNewDeployment = true });
        var placed = await UpdateAsync(new UpdateServiceRequest { PlacementConstraints = [new PlacementConstraint { Type = "distinctInstance" }] });

        Assert.Single(same.Deployments!);
        Assert.Equal(2, forced.Deployments!.Count);
        Assert.Equal(3, placed.Deployments!.Count);
        Assert.Equal("distinctInstance", Assert.Single(placed.PlacementConstraints!).Type);
    }

    [Fact]
    public async Task Update_ServiceRevisionDeregistered_ScalesStill_InactiveRevisionRefused()
    {
        await CreateAsync();
        await Ecs.TaskDefinitions.DeregisterTaskDefinition(Ecs.Caller(), new DeregisterTaskDefinitionRequest { TaskDefinition = "web:1" }, default);

        var scaled = await UpdateAsync(new UpdateServiceRequest { DesiredCount = 4 });
        var inactive = await RefusedAsync(() => UpdateAsync(new UpdateServiceRequest { TaskDefinition = "web:1", ForceNewDeployment = true }));

        Assert.Equal((4, 1), (scaled.DesiredCount, scaled.Deployments!.Count));
        Assert.Equal(("InvalidParameterException", "TaskDefinition is inactive"), (inactive.Code, inactive.Message));
    }

    [Fact]
    public async Task Update_MissingOrDeletedService_Refused()
    {
        await CreateAsync(change: r => r with { DesiredCount = 0 });
        await DeleteAsync();

        var missing = await RefusedAsync(() => UpdateAsync(new UpdateServiceRequest { Service = "nope", DesiredCount = 1 }));
        var draining = await RefusedAsync(() => UpdateAsync(new UpdateServiceRequest { DesiredCount = 1 }));

        Assert.Equal(("ServiceNotFoundException", "Service not found."), (missing.Code, missing.Message));
        Assert.Equal(("ServiceNotActiveException", "Service was not ACTIVE."), (draining.Code, draining.Message));
    }

    [Fact]
    public async Task Update_DaemonDesiredCountOrBadConfiguration_Refused()
    {
        await CreateAsync("daemon", r => r with { DesiredCount = null, SchedulingStrategy = "DAEMON" });
        await CreateAsync();

        var daemon = await RefusedAsync(() => UpdateAsync(new UpdateServiceRequest { Service = "daemon", DesiredCount = 2 }));
        var configuration = await RefusedAsync(() => UpdateAsync(new UpdateServiceRequest { DeploymentConfiguration = new DeploymentConfiguration { MaximumPercent = 50 } }));

        Assert.Equal("InvalidParameterException", daemon.Code);
        Assert.Equal("maximumPercent must be between 100 and 2000.", configuration.Message);
    }

    [Fact]
    public async Task Delete_ScaledAboveZero_RefusedUnlessForced()
    {
        await CreateAsync();
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));

        var refused = await RefusedAsync(() => DeleteAsync());
        var deleted = await DeleteAsync(force: true);
        var again = await DeleteAsync();

        Assert.Equal(("InvalidParameterException", "The service cannot be stopped while it is scaled above 0."), (refused.Code, refused.Message));
        Assert.Equal(("DRAINING", 0), (deleted.Status, deleted.DesiredCount));
        Assert.Equal((0, EcsHarness.Start.AddMinutes(1)), (deleted.Deployments!.Single().DesiredCount, deleted.Deployments!.Single().UpdatedAt));
        Assert.Equal("DRAINING", again.Status);
        Assert.Equal(0, (await StoredClusterAsync()).ActiveServicesCount);
        Assert.Empty(await ListAsync(new ListServicesRequest()));
    }

    [Fact]
    public async Task Delete_Daemon_NeedsNoForce()
    {
        await CreateAsync("daemon", r => r with { DesiredCount = null, SchedulingStrategy = "DAEMON" });
        await ChangeStoredAsync(s => s with { Service = s.Service with { DesiredCount = 3 } }, "daemon");

        var deleted = await DeleteAsync("daemon");

        Assert.Equal(("DRAINING", 0), (deleted.Status, deleted.DesiredCount));
    }

    [Fact]
    public async Task Delete_InactiveOrUnknown_NotFound()
    {
        await CreateAsync(change: r => r with { DesiredCount = 0 });
        await DeleteAsync();
        await ChangeStoredAsync(s => s with { Service = s.Service with { Status = ServiceStatus.Inactive } });

        var inactive = await RefusedAsync(() => DeleteAsync());
        var unknown = await RefusedAsync(() => DeleteAsync("nope"));

        Assert.Equal(("ServiceNotFoundException", "ServiceNotFoundException"), (inactive.Code, unknown.Code));
    }

    [Fact]
    public async Task DeleteCluster_WithActiveOrDrainingService_Refused_AfterInactive_Deleted()
    {
        await CreateAsync(change: r => r with { DesiredCount = 0 });
        var active = await RefusedAsync(() => DeleteClusterAsync());
        await DeleteAsync();
        var draining = await RefusedAsync(() => DeleteClusterAsync());
        await ChangeStoredAsync(s => s with { Service = s.Service with { Status = ServiceStatus.Inactive } });

        await DeleteClusterAsync();

        Assert.Equal(("ClusterContainsServicesException", "ClusterContainsServicesException"), (active.Code, draining.Code));
        Assert.Equal("INACTIVE", (await StoredClusterAsync()).Status);
    }

    [Fact]
    public async Task Tags_OnServiceArn_TagListUntag()
    {
        await CreateAsync(change: r => r with { Tags = [new Tag { Key = "a", Value = "1" }] });

        await Ecs.Tags.TagResource(Ecs.Caller(), new TagResourceRequest { ResourceArn = ServiceArn, Tags = [new Tag { Key = "b", Value = "2" }] }, default);
        await Ecs.Tags.UntagResource(Ecs.Caller(), new UntagResourceRequest { ResourceArn = ServiceArn, TagKeys = ["a"] }, default);
        var listed = await Ecs.Tags.ListTagsForResource(Ecs.Caller(), new ListTagsForResourceRequest { ResourceArn = ServiceArn }, default);
        var missing = await RefusedAsync(() => Ecs.Tags.ListTagsForResource(
            Ecs.Caller(), new ListTagsForResourceRequest { ResourceArn = ServiceArn.Replace("/svc", "/nope", StringComparison.Ordinal) }, default).AsTask());

        Assert.Equal(("b", "2"), (Assert.Single(listed.Tags!).Key, listed.Tags![0].Value));
        Assert.Equal("ResourceNotFoundException", missing.Code);
    }

    private async Task<Service> DeleteAsync(string name = "svc", bool? force = null) =>
        (await Ecs.Services.DeleteService(Ecs.Caller(), new DeleteServiceRequest { Cluster = "prod", Service = name, Force = force }, default)).Service!;

    private async Task DeleteClusterAsync() => await Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "prod" }, default);

    private async Task<List<string>> ListAsync(ListServicesRequest request) =>
        (await Ecs.Services.ListServices(Ecs.Caller(), request with { Cluster = "prod" }, default)).ServiceArns!.Select(a => a.Split('/')[^1]).ToList();

    [GeneratedRegex(@"^ecs-svc/\d{19}$")]
    private static partial Regex DeploymentId();
}
