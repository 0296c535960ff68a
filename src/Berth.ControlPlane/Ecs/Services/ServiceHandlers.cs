using System.Security.Cryptography;
using System.Text.Json;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>CreateService, UpdateService, DeleteService, DescribeServices and ListServices. The handlers only write documents
/// (through <see cref="ServiceWrites"/>); the service scheduler starts and stops the tasks.</summary>
public sealed class ServiceHandlers(
    EcsStore store, ClusterResolver clusters, ServiceResolver services, TaskDefinitionResolver definitions, ServiceWrites writes, ServiceTargets targets,
    IIdSource ids, TimeProvider time)
{
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 100;

    /// <summary>Idempotent as ECS is: an ACTIVE service created by the same request is answered again, one created by another
    /// is refused; a DRAINING one is refused until it is INACTIVE, and an INACTIVE one is replaced. The cluster's
    /// activeServicesCount moves in the same transaction.</summary>
    public async ValueTask<CreateServiceResponse> CreateService(RequestContext context, CreateServiceRequest request, CancellationToken cancellationToken)
    {
        var name = ServiceRules.Name(request.ServiceName);
        var launchType = ServiceRules.LaunchType(request.LaunchType);
        ServiceRules.RefuseUnsupported(
            request.CapacityProviderStrategy, request.ServiceRegistries, request.NetworkConfiguration, request.PlatformVersion,
            request.ServiceConnectConfiguration, request.VolumeConfigurations, request.VpcLatticeConfigurations);
        var balancers = ServiceLoadBalancerRules.Shape(request.LoadBalancers);
        var strategy = ServiceRules.SchedulingStrategy(request.SchedulingStrategy);
        var desired = ServiceRules.DesiredCount(strategy, request.DesiredCount);
        var controller = ServiceRules.Controller(request.DeploymentController);
        var configuration = ServiceRules.Deployment(strategy, request.DeploymentConfiguration, null);
        var grace = ServiceRules.GracePeriod(request.HealthCheckGracePeriodSeconds);
        var tags = TagRules.Validate(request.Tags);
        var scope = context.Scope();
        var clusterName = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var definition = await DefinitionAsync(scope, request.TaskDefinition ?? throw ServiceErrors.TaskDefinitionRequired(), cancellationToken).ConfigureAwait(false)
            ?? throw TaskErrors.TaskDefinitionNotFound();
        RunTaskRules.EnsureRunnable(definition, launchType);
        ServiceRules.Placement(strategy, definition.PlacementConstraints, request.PlacementConstraints, request.PlacementStrategy);
        await targets.CheckAsync(scope, balancers, definition, cancellationToken).ConfigureAwait(false);
        var fingerprint = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, EcsJsonContext.Default.CreateServiceRequest)));

        var created = await Optimistic.RetryAsync(async () =>
        {
            var cluster = await clusters.FindActiveAsync(scope, clusterName, cancellationToken).ConfigureAwait(false);
            var existing = await store.Services.GetAsync(scope.Partition, EcsStore.ServiceKey(clusterName, name), cancellationToken).ConfigureAwait(false);
            switch (existing?.Value.Service.Status)
            {
                case ServiceStatus.Active:
                    return existing.Value.CreateFingerprint == fingerprint ? existing.Value : throw ServiceErrors.NotIdempotent();
                case ServiceStatus.Draining:
                    throw ServiceErrors.BeingDeleted();
            }

            var now = time.GetUtcNow();
            var service = new StoredService
            {
                CreateFingerprint = fingerprint,
                Service = new Service
                {
                    ServiceArn = EcsArns.EcsService(scope, clusterName, name),
                    ServiceName = name,
                    ClusterArn = cluster.Value.ClusterArn,
                    LoadBalancers = balancers,
                    ServiceRegistries = [],
                    Status = ServiceStatus.Active,
                    DesiredCount = desired,
                    RunningCount = 0,
                    PendingCount = 0,
                    LaunchType = launchType,
                    DeploymentConfiguration = configuration,
                    RoleArn = request.Role,
                    Events = [],
                    CreatedAt = now,
                    PlacementConstraints = request.PlacementConstraints ?? [],
                    PlacementStrategy = request.PlacementStrategy ?? [],
                    HealthCheckGracePeriodSeconds = grace,
                    SchedulingStrategy = strategy,
                    DeploymentController = controller,
                    Tags = tags,
                    CreatedBy = context.PrincipalArn,
                    EnableECSManagedTags = request.EnableECSManagedTags ?? false,
                    PropagateTags = request.PropagateTags ?? PropagateTags.None,
                    EnableExecuteCommand = request.EnableExecuteCommand ?? false,
                    AvailabilityZoneRebalancing = request.AvailabilityZoneRebalancing,
                },
            };
            var started = ServiceRollout.StartDeployment(
                service, new Deployment { TaskDefinition = definition.TaskDefinitionArn, LaunchType = launchType }, DeploymentIds.New(ids), now);
            var counted = cluster.Value with { ActiveServicesCount = (cluster.Value.ActiveServicesCount ?? 0) + 1 };
            await store.Store.ApplyAsync(
                [.. writes.Save(scope, existing, started), store.Clusters.Put(scope.Partition, clusterName, counted, cluster.Version)],
                cancellationToken).ConfigureAwait(false);
            return started;
        }).ConfigureAwait(false);

        return new CreateServiceResponse { Service = created.Service };
    }

    /// <summary>A new deployment only when what the tasks run, where they go or which target groups they join changes (task
    /// definition, placement, loadBalancers) or one is forced; otherwise the PRIMARY deployment takes the new desired count. Either way the PRIMARY's updatedAt moves, which
    /// is what resets the scheduler's launch throttling.</summary>
    public async ValueTask<UpdateServiceResponse> UpdateService(RequestContext context, UpdateServiceRequest request, CancellationToken cancellationToken)
    {
        ServiceRules.RefuseUnsupported(
            request.CapacityProviderStrategy, request.ServiceRegistries, request.NetworkConfiguration, request.PlatformVersion,
            request.ServiceConnectConfiguration, request.VolumeConfigurations, request.VpcLatticeConfigurations);
        ServiceRules.Controller(request.DeploymentController);
        var givenBalancers = request.LoadBalancers is null ? null : ServiceLoadBalancerRules.Shape(request.LoadBalancers);

        var grace = ServiceRules.GracePeriod(request.HealthCheckGracePeriodSeconds);
        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var updated = await Optimistic.RetryAsync(async () =>
        {
            var current = await services.FindActiveAsync(scope, cluster, request.Service!, cancellationToken).ConfigureAwait(false);
            var service = current.Value.Service;
            var strategy = service.SchedulingStrategy!;
            // The service's own revision keeps running even if it has since been deregistered (or deleted); a new one must be runnable.
            var definition = request.TaskDefinition is { } named
                ? RunTaskRules.EnsureRunnable(
                    await DefinitionAsync(scope, named, cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.TaskDefinitionNotFound(), service.LaunchType!)
                : await DefinitionAsync(scope, service.TaskDefinition!, cancellationToken).ConfigureAwait(false);
            var definitionArn = definition?.TaskDefinitionArn ?? service.TaskDefinition!;
            var constraints = request.PlacementConstraints ?? service.PlacementConstraints ?? [];
            var strategies = request.PlacementStrategy ?? service.PlacementStrategy ?? [];
            ServiceRules.Placement(strategy, definition?.PlacementConstraints, constraints, strategies);
            var balancers = givenBalancers ?? service.LoadBalancers ?? [];
            var balancersChanged = !ServiceLoadBalancerRules.Same(balancers, service.LoadBalancers);
            if ((balancersChanged || definitionArn != service.TaskDefinition) && definition is not null)
            {
                await targets.CheckAsync(scope, balancers, definition, cancellationToken).ConfigureAwait(false);
            }

            var changed = service with
            {
                LoadBalancers = balancers,
                DesiredCount = ServiceRules.UpdatedDesiredCount(strategy, request.DesiredCount, service.DesiredCount ?? 0),
                DeploymentConfiguration = ServiceRules.Deployment(strategy, request.DeploymentConfiguration, service.DeploymentConfiguration),
                PlacementConstraints = constraints,
                PlacementStrategy = strategies,
                HealthCheckGracePeriodSeconds = grace ?? service.HealthCheckGracePeriodSeconds,
                PropagateTags = request.PropagateTags ?? service.PropagateTags,
                EnableExecuteCommand = request.EnableExecuteCommand ?? service.EnableExecuteCommand,
                EnableECSManagedTags = request.EnableECSManagedTags ?? service.EnableECSManagedTags,
                AvailabilityZoneRebalancing = request.AvailabilityZoneRebalancing ?? service.AvailabilityZoneRebalancing,
            };
            var redeploy = request.ForceNewDeployment == true
                || balancersChanged
                || definitionArn != service.TaskDefinition
                || !constraints.SequenceEqual(service.PlacementConstraints ?? [])
                || !strategies.SequenceEqual(service.PlacementStrategy ?? []);
            var now = time.GetUtcNow();
            var next = current.Value with { Service = changed };
            next = redeploy
                ? ServiceRollout.StartDeployment(next, SpecOf(service, definitionArn), DeploymentIds.New(ids), now)
                : WithPrimary(next, d => d with { DesiredCount = changed.DesiredCount, UpdatedAt = now });
            await store.Store.ApplyAsync(writes.Save(scope, current, next), cancellationToken).ConfigureAwait(false);
            return next;
        }).ConfigureAwait(false);

        return new UpdateServiceResponse { Service = updated.Service };
    }

    /// <summary>The service turns DRAINING with a desired count of 0 (the scheduler stops its tasks and later marks it
    /// INACTIVE); a REPLICA service still scaled above 0 needs <c>force</c>. Deleting a DRAINING service answers it unchanged;
    /// an INACTIVE one is not found, as in ECS.</summary>
    public async ValueTask<DeleteServiceResponse> DeleteService(RequestContext context, DeleteServiceRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var deleted = await Optimistic.RetryAsync(async () =>
        {
            var cluster = await clusters.FindActiveAsync(scope, ClusterResolver.OrDefault(request.Cluster), cancellationToken).ConfigureAwait(false);
            var current = await services.FindAsync(scope, cluster.Value.ClusterName!, request.Service!, cancellationToken).ConfigureAwait(false);
            switch (current?.Value.Service.Status)
            {
                case null or ServiceStatus.Inactive:
                    throw ServiceErrors.NotFound();
                case ServiceStatus.Draining:
                    return current.Value;
            }

            var service = current.Value.Service;
            if (request.Force != true && service.SchedulingStrategy != SchedulingStrategy.Daemon && service.DesiredCount > 0)
            {
                throw ServiceErrors.ScaledAboveZero();
            }

            var now = time.GetUtcNow();
            var draining = WithPrimary(
                current.Value with { Service = service with { Status = ServiceStatus.Draining, DesiredCount = 0 } },
                d => d with { DesiredCount = 0, UpdatedAt = now });
            var counted = cluster.Value with { ActiveServicesCount = Math.Max(0, (cluster.Value.ActiveServicesCount ?? 0) - 1) };
            await store.Store.ApplyAsync(
                [.. writes.Save(scope, current, draining), store.Clusters.Put(scope.Partition, cluster.Value.ClusterName!, counted, cluster.Version)],
                cancellationToken).ConfigureAwait(false);
            return draining;
        }).ConfigureAwait(false);

        return new DeleteServiceResponse { Service = deleted.Service };
    }

    /// <summary>By name or ARN, in any status; tags only when asked for. Unknown services are MISSING failures, not errors.</summary>
    public async ValueTask<DescribeServicesResponse> DescribeServices(RequestContext context, DescribeServicesRequest request, CancellationToken cancellationToken)
    {
        var identifiers = request.Services!;
        if (identifiers.Count is 0 or > ServiceErrors.MaxDescribe)
        {
            throw ServiceErrors.TooMany("services", ServiceErrors.MaxDescribe);
        }

        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var withTags = request.Include?.Contains(ServiceField.Tags) == true;
        var found = new List<Service>();
        var failures = new List<Failure>();
        foreach (var identifier in identifiers)
        {
            var service = await services.FindAsync(scope, cluster, identifier, cancellationToken).ConfigureAwait(false);
            if (service is null)
            {
                failures.Add(new Failure { Arn = ServiceResolver.ArnOf(scope, cluster, identifier), Reason = TaskFailureReasons.Missing });
            }
            else
            {
                found.Add(withTags ? service.Value.Service : service.Value.Service with { Tags = null });
            }
        }

        return new DescribeServicesResponse { Services = found, Failures = failures };
    }

    /// <summary>The cluster's ACTIVE services (DRAINING and INACTIVE ones are not listed), narrowed by launch type and
    /// scheduling strategy; 10 a page unless asked for up to 100.</summary>
    public async ValueTask<ListServicesResponse> ListServices(RequestContext context, ListServicesRequest request, CancellationToken cancellationToken)
    {
        var pageSize = NextToken.PageSize(request.MaxResults ?? DefaultPageSize, MaxPageSize, EcsErrors.MaxResults);
        var after = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken);
        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var (page, next) = await store.Services.PageAsync(
            scope.Partition,
            new ListQuery { KeyPrefix = EcsStore.ServicePrefix(cluster), StartAfter = after },
            pageSize,
            s => s.Service.Status == ServiceStatus.Active
                && (request.LaunchType is null || s.Service.LaunchType == request.LaunchType)
                && (request.SchedulingStrategy is null || s.Service.SchedulingStrategy == request.SchedulingStrategy),
            cancellationToken).ConfigureAwait(false);
        return new ListServicesResponse { ServiceArns = page.Select(s => s.Value.Service.ServiceArn!).ToList(), NextToken = NextToken.Encode(next) };
    }

    private async ValueTask<TaskDefinition?> DefinitionAsync(ResourceScope scope, string identifier, CancellationToken cancellationToken) =>
        (await definitions.FindAsync(scope, identifier, cancellationToken).ConfigureAwait(false))?.Value.Definition;

    /// <summary>What a new deployment of the service rolls out: the PRIMARY's launch settings with the given revision.</summary>
    private static Deployment SpecOf(Service service, string taskDefinitionArn) =>
        (service.Deployments?.FirstOrDefault(d => d.Status == ServiceRollout.Primary) ?? new Deployment { LaunchType = service.LaunchType })
        with { TaskDefinition = taskDefinitionArn };

    private static StoredService WithPrimary(StoredService service, Func<Deployment, Deployment> change) => service with
    {
        Service = service.Service with
        {
            Deployments = (service.Service.Deployments ?? []).Select(d => d.Status == ServiceRollout.Primary ? change(d) : d).ToList(),
        },
    };
}
