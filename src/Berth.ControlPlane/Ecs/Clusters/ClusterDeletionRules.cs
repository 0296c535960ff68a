using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecs.Clusters;

/// <summary>ECS refuses to delete a cluster that still holds container instances, services or tasks, in that order of checks.</summary>
public static class ClusterDeletionRules
{
    /// <param name="drainingServices">Whether the cluster has DRAINING services, which activeServicesCount no longer counts
    /// but which still hold tasks.</param>
    public static void EnsureEmpty(Cluster cluster, bool drainingServices)
    {
        if (cluster.RegisteredContainerInstancesCount > 0)
        {
            throw new AwsException("ClusterContainsContainerInstancesException", "The Cluster cannot be deleted while Container Instances are active or draining.");
        }

        if (cluster.ActiveServicesCount > 0 || drainingServices)
        {
            throw new AwsException("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
        }

        if (cluster.RunningTasksCount + cluster.PendingTasksCount > 0)
        {
            throw new AwsException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
        }
    }
}
