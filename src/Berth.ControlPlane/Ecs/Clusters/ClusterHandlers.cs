using System.Text.RegularExpressions;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.AccountSettings;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.Clusters;

/// <summary>CreateCluster, DescribeClusters, ListClusters, UpdateCluster, UpdateClusterSettings and DeleteCluster.</summary>
public sealed partial class ClusterHandlers(EcsStore store, ClusterResolver clusters, AccountSettingResolver settings)
{
    private const string DefaultClusterName = "default";
    private const string ContainerInsights = "containerInsights";

    /// <summary>Capacity providers every cluster may use without creating them.</summary>
    private static readonly HashSet<string> BuiltInCapacityProviders = ["FARGATE", "FARGATE_SPOT"];

    /// <summary>ECS is idempotent here: creating a cluster that is already ACTIVE answers with that cluster unchanged.</summary>
    public async ValueTask<CreateClusterResponse> CreateCluster(RequestContext context, CreateClusterRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = string.IsNullOrEmpty(request.ClusterName) ? DefaultClusterName : request.ClusterName;
        if (!ClusterNamePattern().IsMatch(name))
        {
            throw EcsErrors.InvalidParameter("Invalid cluster name. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.");
        }

        ValidateSettings(request.Settings);
        ValidateCapacityProviders(request.CapacityProviders, request.DefaultCapacityProviderStrategy);
        var tags = TagRules.Validate(request.Tags);
        var insights = await settings.EffectiveValueAsync(context, ContainerInsights, cancellationToken).ConfigureAwait(false);

        var cluster = await Optimistic.RetryAsync(async () =>
        {
            var existing = await store.Clusters.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false);
            if (existing is { Value.Status: ClusterStatus.Active })
            {
                return existing.Value;
            }

            var created = new Cluster
            {
                ClusterArn = EcsArns.Cluster(scope, name),
                ClusterName = name,
                Status = ClusterStatus.Active,
                RegisteredContainerInstancesCount = 0,
                RunningTasksCount = 0,
                PendingTasksCount = 0,
                ActiveServicesCount = 0,
                Statistics = [],
                Tags = tags,
                Settings = MergeSettings([new ClusterSetting { Name = ContainerInsights, Value = insights }], request.Settings),
                Configuration = request.Configuration,
                CapacityProviders = request.CapacityProviders ?? [],
                DefaultCapacityProviderStrategy = request.DefaultCapacityProviderStrategy ?? [],
                Attachments = [],
                ServiceConnectDefaults = request.ServiceConnectDefaults is { } defaults
                    ? new ClusterServiceConnectDefaults { Namespace = defaults.Namespace }
                    : null,
            };
            await store.Store.ApplyAsync([store.Clusters.Put(scope.Partition, name, created, existing?.Version ?? 0)], cancellationToken)
                .ConfigureAwait(false);
            return created;
        }).ConfigureAwait(false);

        return new CreateClusterResponse { Cluster = ClusterView.Full(cluster) };
    }

    public async ValueTask<DescribeClustersResponse> DescribeClusters(RequestContext context, DescribeClustersRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var include = request.Include?.ToHashSet(StringComparer.Ordinal) ?? [];
        var identifiers = request.Clusters is { Count: > 0 } requested ? requested : [DefaultClusterName];
        var found = new List<Cluster>();
        var failures = new List<Failure>();
        foreach (var identifier in identifiers)
        {
            var cluster = await clusters.FindAsync(scope, identifier, cancellationToken).ConfigureAwait(false);
            if (cluster is null)
            {
                failures.Add(new Failure { Arn = clusters.ArnOf(scope, identifier), Reason = "MISSING" });
            }
            else
            {
                found.Add(ClusterView.Describe(cluster.Value, include));
            }
        }

        return new DescribeClustersResponse { Clusters = found, Failures = failures };
    }

    /// <summary>INACTIVE clusters stay describable for a while but are not listed.</summary>
    public async ValueTask<ListClustersResponse> ListClusters(RequestContext context, ListClustersRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var pageSize = NextToken.PageSize(request.MaxResults, 100, EcsErrors.MaxResults);
        var after = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken);
        var (page, next) = await store.Clusters.PageAsync(
            scope.Partition, new ListQuery { StartAfter = after }, pageSize, c => c.Status == ClusterStatus.Active, cancellationToken).ConfigureAwait(false);
        var arns = page.Select(c => c.Value.ClusterArn!).ToList();
        return new ListClustersResponse { ClusterArns = arns, NextToken = NextToken.Encode(next) };
    }

    public async ValueTask<UpdateClusterResponse> UpdateCluster(RequestContext context, UpdateClusterRequest request, CancellationToken cancellationToken)
    {
        ValidateSettings(request.Settings);
        var updated = await UpdateAsync(context, request.Cluster!, cluster => cluster with
        {
            Settings = MergeSettings(cluster.Settings, request.Settings),
            Configuration = request.Configuration ?? cluster.Configuration,
            ServiceConnectDefaults = request.ServiceConnectDefaults is { } defaults
                ? new ClusterServiceConnectDefaults { Namespace = defaults.Namespace }
                : cluster.ServiceConnectDefaults,
        }, cancellationToken).ConfigureAwait(false);
        return new UpdateClusterResponse { Cluster = ClusterView.Full(updated) };
    }

    public async ValueTask<UpdateClusterSettingsResponse> UpdateClusterSettings(
        RequestContext context, UpdateClusterSettingsRequest request, CancellationToken cancellationToken)
    {
        ValidateSettings(request.Settings);
        var updated = await UpdateAsync(context, request.Cluster!, cluster => cluster with
        {
            Settings = MergeSettings(cluster.Settings, request.Settings),
        }, cancellationToken).ConfigureAwait(false);
        return new UpdateClusterSettingsResponse { Cluster = ClusterView.Full(updated) };
    }

    /// <summary>The cluster is kept as INACTIVE (still describable, no longer listed); a cluster that still holds
    /// container instances, services or tasks is refused with the error ECS gives for each.</summary>
    public async ValueTask<DeleteClusterResponse> DeleteCluster(RequestContext context, DeleteClusterRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = (await clusters.FindActiveAsync(scope, request.Cluster!, cancellationToken).ConfigureAwait(false)).Value.ClusterName!;
        var draining = false;
        await foreach (var service in store.Services.ScanAsync(scope.Partition, EcsStore.ServicePrefix(name), cancellationToken).ConfigureAwait(false))
        {
            draining |= service.Value.Service.Status == ServiceStatus.Draining;
        }

        var deleted = await UpdateAsync(context, request.Cluster!, cluster =>
        {
            ClusterDeletionRules.EnsureEmpty(cluster, draining);
            return cluster with { Status = ClusterStatus.Inactive };
        }, cancellationToken).ConfigureAwait(false);
        return new DeleteClusterResponse { Cluster = ClusterView.Full(deleted) };
    }

    private async ValueTask<Cluster> UpdateAsync(RequestContext context, string identifier, Func<Cluster, Cluster> change, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        return await Optimistic.RetryAsync(async () =>
        {
            var current = await clusters.FindActiveAsync(scope, identifier, cancellationToken).ConfigureAwait(false);
            var updated = change(current.Value);
            await store.Store.ApplyAsync([store.Clusters.Put(scope.Partition, current.Value.ClusterName!, updated, current.Version)], cancellationToken)
                .ConfigureAwait(false);
            return updated;
        }).ConfigureAwait(false);
    }

    private static void ValidateSettings(List<ClusterSetting>? settings)
    {
        foreach (var setting in settings ?? [])
        {
            if (setting.Name != ContainerInsights)
            {
                throw EcsErrors.InvalidParameter($"Unknown cluster setting name '{setting.Name}'.");
            }

            if (setting.Value is not ("enabled" or "disabled" or "enhanced"))
            {
                throw EcsErrors.InvalidParameter("The value for containerInsights must be one of enabled, disabled or enhanced.");
            }
        }
    }

    private static void ValidateCapacityProviders(List<string>? providers, List<CapacityProviderStrategyItem>? strategy)
    {
        foreach (var provider in providers ?? [])
        {
            if (!BuiltInCapacityProviders.Contains(provider))
            {
                throw EcsErrors.InvalidParameter($"The specified capacity provider '{provider}' does not exist.");
            }
        }

        var items = strategy ?? [];
        foreach (var item in items)
        {
            if (providers is null || !providers.Contains(item.CapacityProvider!))
            {
                throw EcsErrors.InvalidParameter(
                    $"The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster: {item.CapacityProvider}.");
            }
        }

        if (items.Count(i => i.Base is > 0) > 1)
        {
            throw EcsErrors.InvalidParameter("Only one capacity provider in a strategy can have a base defined.");
        }
    }

    private static List<ClusterSetting> MergeSettings(List<ClusterSetting>? current, List<ClusterSetting>? changes)
    {
        var merged = (current ?? []).ToList();
        foreach (var change in changes ?? [])
        {
            merged.RemoveAll(s => s.Name == change.Name);
            merged.Add(change);
        }

        return merged;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex ClusterNamePattern();
}
