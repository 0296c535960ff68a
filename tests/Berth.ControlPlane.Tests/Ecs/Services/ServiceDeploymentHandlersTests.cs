using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>The service deployment and revision documents (written by <see cref="ServiceWrites"/>), ListServiceDeployments,
/// DescribeServiceDeployments, DescribeServiceRevisions and StopServiceDeployment.</summary>
public sealed class ServiceDeploymentHandlersTests : ServiceHandlerTestBase
{
    private const string DeploymentArnPrefix = "arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/svc/";

    [Fact]
    public async Task Create_OneInProgressDeployment_WithItsRevision()
    {
        var service = await CreateAsync(change: r => r with
        {
            DeploymentConfiguration = new DeploymentConfiguration { DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true } },
        });
        var id = service.Deployments!.Single().Id!["ecs-svc/".Length..];

        var brief = Assert.Single(await ListAsync(new ListServiceDeploymentsRequest()));
        var described = await DescribeAsync([brief.ServiceDeploymentArn!, DeploymentArnPrefix + "0"]);
        var revisions = await Ecs.ServiceDeployments.DescribeServiceRevisions(
            Ecs.Caller(), new DescribeServiceRevisionsRequest { ServiceRevisionArns = [brief.TargetServiceRevisionArn!, "not-an-arn"] }, default);

        Assert.Equal((DeploymentArnPrefix + id, "IN_PROGRESS", service.ServiceArn), (brief.ServiceDeploymentArn, brief.Status, brief.ServiceArn));
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:service-revision/prod/svc/" + id, brief.TargetServiceRevisionArn);
        var deployment = Assert.Single(described.ServiceDeployments!);
        Assert.Equal(brief.ServiceDeploymentArn, service.CurrentServiceDeployment);
        Assert.Null(deployment.SourceServiceRevisions);
        Assert.Equal((EcsHarness.Start, EcsHarness.Start, null), (deployment.CreatedAt, deployment.StartedAt, deployment.FinishedAt));
        Assert.Equal((2, 0, 0), (deployment.TargetServiceRevision!.RequestedTaskCount, deployment.TargetServiceRevision.RunningTaskCount, deployment.TargetServiceRevision.PendingTaskCount));
        Assert.Equal(("MONITORING", "DISABLED"), (deployment.DeploymentCircuitBreaker!.Status, deployment.Alarms!.Status));
        Assert.Equal((DeploymentArnPrefix + "0", "MISSING"), (Assert.Single(described.Failures!).Arn, described.Failures![0].Reason));
        var revision = Assert.Single(revisions.ServiceRevisions!);
        Assert.Equal((service.TaskDefinition, "EC2", EcsHarness.Start), (revision.TaskDefinition, revision.LaunchType, revision.CreatedAt));
        Assert.Equal(("not-an-arn", "MISSING"), (Assert.Single(revisions.Failures!).Arn, revisions.Failures![0].Reason));
    }

    [Fact]
    public async Task Update_NewDeployment_PreviousStopped_ListedNewestFirst_FilteredAndPaginated()
    {
        await CreateAsync();
        await DefinitionAsync();
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));
        await UpdateAsync(new UpdateServiceRequest { TaskDefinition = "web:2" });

        var all = await ListAsync(new ListServiceDeploymentsRequest());
        var first = await Ecs.ServiceDeployments.ListServiceDeployments(
            Ecs.Caller(), new ListServiceDeploymentsRequest { Cluster = "prod", Service = "svc", MaxResults = 1 }, default);
        var second = await Ecs.ServiceDeployments.ListServiceDeployments(
            Ecs.Caller(), new ListServiceDeploymentsRequest { Cluster = "prod", Service = "svc", NextToken = first.NextToken }, default);
        var stopped = await ListAsync(new ListServiceDeploymentsRequest { Status = ["STOPPED"] });
        var recent = await ListAsync(new ListServiceDeploymentsRequest { CreatedAt = new CreatedAt { After = EcsHarness.Start.AddSeconds(30) } });

        Assert.Equal(["IN_PROGRESS", "STOPPED"], all.Select(d => d.Status));
        Assert.Equal((EcsHarness.Start.AddMinutes(1), ServiceDeploymentRecords.Superseded), (all[1].FinishedAt, all[1].StatusReason));
        Assert.Equal([all[0].ServiceDeploymentArn], first.ServiceDeployments!.Select(d => d.ServiceDeploymentArn));
        Assert.Equal([all[1].ServiceDeploymentArn], second.ServiceDeployments!.Select(d => d.ServiceDeploymentArn));
        Assert.Null(second.NextToken);
        Assert.Equal(all[1].ServiceDeploymentArn, Assert.Single(stopped).ServiceDeploymentArn);
        Assert.Equal(all[0].ServiceDeploymentArn, Assert.Single(recent).ServiceDeploymentArn);
        Assert.Equal(all[0].ServiceDeploymentArn, (await StoredServiceAsync()).Service.CurrentServiceDeployment);
        var source = Assert.Single((await DescribeAsync([all[0].ServiceDeploymentArn!])).ServiceDeployments![0].SourceServiceRevisions!);
        Assert.Equal((all[1].TargetServiceRevisionArn, 2), (source.Arn, source.RequestedTaskCount));
    }

    [Fact]
    public async Task List_UnknownService_NotFound()
    {
        var error = await RefusedAsync(() => ListAsync(new ListServiceDeploymentsRequest { Service = "nope" }));

        Assert.Equal("ServiceNotFoundException", error.Code);
    }

    [Fact]
    public async Task Save_WritesDeploymentDocumentsOnlyWhenTheirDerivedStateChanges()
    {
        await CreateAsync();
        var stored = (await Ecs.Store.Services.GetAsync(Partition, "prod/svc", default))!;
        var writes = new ServiceWrites(Ecs.Store);
        var counted = stored.Value with
        {
            Service = stored.Value.Service with { Deployments = [stored.Value.Service.Deployments![0] with { RunningCount = 1 }] },
        };

        var unchanged = writes.Save(Scope, stored, stored.Value with { Service = stored.Value.Service with { RunningCount = 0 } });
        var changed = writes.Save(Scope, stored, counted);

        Assert.Equal(["ecs.service"], unchanged.Select(op => op.Kind));
        Assert.Equal(["ecs.service", "ecs.service-deployment"], changed.Select(op => op.Kind));
    }

    [Fact]
    public async Task Completed_ShowsSuccessfulWithFinishTime()
    {
        await CreateAsync();
        Ecs.Time.Advance(TimeSpan.FromMinutes(3));
        await CompleteAsync();

        var deployment = Assert.Single(await ListAsync(new ListServiceDeploymentsRequest()));

        Assert.Equal(("SUCCESSFUL", EcsHarness.Start.AddMinutes(3)), (deployment.Status, deployment.FinishedAt));
    }

    [Fact]
    public async Task Stop_InProgress_RollsBackToLastCompleted()
    {
        var created = await CreateAsync();
        await CompleteAsync();
        await DefinitionAsync();
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));
        await UpdateAsync(new UpdateServiceRequest { TaskDefinition = "web:2" });
        var inProgress = (await ListAsync(new ListServiceDeploymentsRequest())).First(d => d.Status == "IN_PROGRESS");
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));

        var response = await StopAsync(inProgress.ServiceDeploymentArn!);

        Assert.Equal(inProgress.ServiceDeploymentArn, response.ServiceDeploymentArn);
        var service = (await StoredServiceAsync()).Service;
        Assert.Equal(["PRIMARY", "ACTIVE", "ACTIVE"], service.Deployments!.Select(d => d.Status));
        Assert.Equal((created.TaskDefinition, "IN_PROGRESS"), (service.Deployments![0].TaskDefinition, service.Deployments[0].RolloutState));
        Assert.Equal(created.TaskDefinition, service.TaskDefinition);
        Assert.Equal("FAILED", service.Deployments[1].RolloutState);
        var listed = await ListAsync(new ListServiceDeploymentsRequest());
        Assert.Equal(["ROLLBACK_IN_PROGRESS", "STOPPED", "SUCCESSFUL"], listed.Select(d => d.Status));
        Assert.Equal(
            $"ECS deployment {service.Deployments[1].Id} stopped: rolling back to deploymentId {created.Deployments!.Single().Id}.", listed[1].StatusReason);
        var rollback = Assert.Single((await DescribeAsync([listed[0].ServiceDeploymentArn!])).ServiceDeployments!).Rollback!;
        Assert.Equal((ServiceRollbacks.StoppedReason, EcsHarness.Start.AddMinutes(2), listed[0].TargetServiceRevisionArn), (rollback.Reason, rollback.StartedAt, rollback.ServiceRevisionArn));
    }

    [Fact]
    public async Task Stop_RefusedWhenNotInProgress_NothingToRollBackTo_UnknownOrAbort()
    {
        await CreateAsync();
        var arn = Assert.Single(await ListAsync(new ListServiceDeploymentsRequest())).ServiceDeploymentArn!;

        var nothingCompleted = await RefusedAsync(() => StopAsync(arn));
        await CompleteAsync();
        var completed = await RefusedAsync(() => StopAsync(arn));
        var unknown = await RefusedAsync(() => StopAsync(DeploymentArnPrefix + "0"));
        var abort = await RefusedAsync(() => StopAsync(arn, "ABORT"));

        Assert.Equal(("ConflictException", "The service has no completed deployment to roll back to."), (nothingCompleted.Code, nothingCompleted.Message));
        Assert.Equal(("ConflictException", "The service deployment is not IN_PROGRESS, so it cannot be stopped."), (completed.Code, completed.Message));
        Assert.Equal(("ServiceDeploymentNotFoundException", "Service deployment not found."), (unknown.Code, unknown.Message));
        Assert.Equal(("InvalidParameterException", "stopType ABORT is not supported yet by Berth; use ROLLBACK."), (abort.Code, abort.Message));
    }

    [Fact]
    public async Task RollbackByCircuitBreaker_CompletedRollbackShowsRollbackSuccessful()
    {
        await CreateAsync();
        await CompleteAsync();
        await ChangeStoredAsync(s => ServiceRollbacks.Start(s, "circuit breaker", "ecs-svc/0000000000000000042", Ecs.Time.GetUtcNow()));
        await ChangeStoredAsync(s => s with
        {
            Service = s.Service with { Deployments = [s.Service.Deployments![0] with { RolloutState = DeploymentRolloutState.Completed }] },
        });

        var listed = await ListAsync(new ListServiceDeploymentsRequest());

        Assert.Equal((DeploymentArnPrefix + "0000000000000000042", "ROLLBACK_SUCCESSFUL"), (listed[0].ServiceDeploymentArn, listed[0].Status));
    }

    /// <summary>Marks the PRIMARY deployment COMPLETED and remembers it as the rollback target, as the scheduler does.</summary>
    private async Task CompleteAsync() => await ChangeStoredAsync(s =>
    {
        var primary = s.Service.Deployments![0] with
        {
            RolloutState = DeploymentRolloutState.Completed,
            RolloutStateReason = $"ECS deployment {s.Service.Deployments[0].Id} completed.",
            UpdatedAt = Ecs.Time.GetUtcNow(),
        };
        return s with { Service = s.Service with { Deployments = [primary, .. s.Service.Deployments.Skip(1)] }, LastCompleted = primary };
    });

    private async Task<List<ServiceDeploymentBrief>> ListAsync(ListServiceDeploymentsRequest request) =>
        (await Ecs.ServiceDeployments.ListServiceDeployments(Ecs.Caller(), request with { Cluster = "prod", Service = request.Service ?? "svc" }, default))
        .ServiceDeployments!;

    private async Task<DescribeServiceDeploymentsResponse> DescribeAsync(List<string> arns) =>
        await Ecs.ServiceDeployments.DescribeServiceDeployments(Ecs.Caller(), new DescribeServiceDeploymentsRequest { ServiceDeploymentArns = arns }, default);

    private async Task<StopServiceDeploymentResponse> StopAsync(string arn, string? stopType = null) =>
        await Ecs.ServiceDeployments.StopServiceDeployment(Ecs.Caller(), new StopServiceDeploymentRequest { ServiceDeploymentArn = arn, StopType = stopType }, default);
}
