using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Clusters;

/// <summary>What a cluster looks like in each response: DescribeClusters shows the optional parts only when asked.</summary>
public static class ClusterView
{
    /// <summary>Create, update and delete answer with the cluster's settings, configuration and tags.</summary>
    public static Cluster Full(Cluster cluster) => cluster with { Statistics = [], Attachments = null };

    public static Cluster Describe(Cluster cluster, IReadOnlySet<string> include) => cluster with
    {
        Statistics = include.Contains(ClusterField.Statistics) ? ClusterStatistics.Of(cluster) : [],
        Tags = include.Contains(ClusterField.Tags) ? cluster.Tags ?? [] : [],
        Settings = include.Contains(ClusterField.Settings) ? cluster.Settings : null,
        Configuration = include.Contains(ClusterField.Configurations) ? cluster.Configuration : null,
        Attachments = include.Contains(ClusterField.Attachments) ? cluster.Attachments ?? [] : null,
        AttachmentsStatus = include.Contains(ClusterField.Attachments) ? cluster.AttachmentsStatus : null,
    };
}
