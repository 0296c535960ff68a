using System.Globalization;
using Berth.Aws.Generated.Ecs;
using KeyValuePair = Berth.Aws.Generated.Ecs.KeyValuePair;

namespace Berth.ControlPlane.Ecs.Clusters;

/// <summary>The per-launch-type counters DescribeClusters reports with include STATISTICS.</summary>
public static class ClusterStatistics
{
    public static List<KeyValuePair> Of(Cluster cluster) =>
    [
        Pair("runningEC2TasksCount", cluster.RunningTasksCount),
        Pair("runningFargateTasksCount", 0),
        Pair("pendingEC2TasksCount", cluster.PendingTasksCount),
        Pair("pendingFargateTasksCount", 0),
        Pair("runningExternalTasksCount", 0),
        Pair("pendingExternalTasksCount", 0),
        Pair("activeEC2ServiceCount", cluster.ActiveServicesCount),
        Pair("activeFargateServiceCount", 0),
        Pair("drainingEC2ServiceCount", 0),
        Pair("drainingFargateServiceCount", 0),
        Pair("activeExternalServiceCount", 0),
        Pair("drainingExternalServiceCount", 0),
    ];

    private static KeyValuePair Pair(string name, int? value) =>
        new() { Name = name, Value = (value ?? 0).ToString(CultureInfo.InvariantCulture) };
}
