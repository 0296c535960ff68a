using System.Text;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Placement.Engine;

namespace Berth.Cli;

/// <summary>One placement dry run: what was asked (the cluster, the definition, the request RunTask would plan, every
/// constraint in force, the definition's included) and the plan the engine made of it.</summary>
public sealed record PlacementDryRun(
    string Cluster, TaskDefinition Definition, PlacementRequest Request, IReadOnlyList<PlacementConstraint> Constraints, PlacementPlan Plan)
{
    /// <summary>Whether RunTask would place every task (exit code 0).</summary>
    public bool AllPlaced => Plan.Unplaced == 0;

    /// <summary>RunTask answers a cluster without an ACTIVE instance with an error rather than placement failures.</summary>
    public bool HasActiveInstance => Plan.Snapshot.Instances.Any(i => i.Status == InstanceStatus.Active);
}

/// <summary>The text <c>berth place</c> prints: a header (definition, what each task needs, the rules), one line per task
/// with the instance it would go to and what that instance has left after it, every other instance with why it was not
/// chosen, the failures RunTask would report, and a summary with the seed that repeats the plan.</summary>
public static class PlacementReport
{
    public const string Eligible = "eligible, not preferred by the strategies";

    public static string Render(PlacementDryRun run)
    {
        var request = run.Request;
        var plan = run.Plan;
        var instances = plan.Snapshot.Instances;
        var idWidth = instances.Select(i => i.Id.Length).DefaultIfEmpty(0).Max();
        var zoneWidth = instances.Select(i => Zone(i).Length).DefaultIfEmpty(0).Max();
        string Instance(InstanceSnapshot i) => $"{i.Id.PadRight(idWidth)}  {Zone(i).PadRight(zoneWidth)}";

        var text = new StringBuilder();
        text.AppendLine($"Placing {Tasks(request.Count)} of {run.Definition.Family}:{run.Definition.Revision} in cluster {run.Cluster} (group {request.Group}, seed {request.Seed})");
        text.AppendLine($"  each task needs: {Needs(request.Demand)}");
        text.AppendLine($"  constraints: {List(run.Constraints.Select(Constraint))}");
        text.AppendLine($"  strategies: {List(request.Rules.Strategies.Select(s => s.ToString()))}");

        text.AppendLine().AppendLine("Placements:");
        var placedOn = new int[instances.Length];
        for (var task = 0; task < request.Count; task++)
        {
            if (task >= plan.Placements.Length)
            {
                text.AppendLine($"  task {task + 1}  not placed");
                continue;
            }

            var index = plan.Placements[task];
            var chosen = instances[index];
            placedOn[index]++;
            var cpu = chosen.Cpu - (placedOn[index] * request.Demand.Cpu);
            var memory = chosen.Memory - (placedOn[index] * request.Demand.Memory);
            text.AppendLine($"  task {task + 1}  {Instance(chosen)}  leaves cpu {cpu}, memory {memory} MiB");
        }

        text.AppendLine().AppendLine("Other instances:");
        var others = Enumerable.Range(0, instances.Length).Where(i => placedOn[i] == 0).ToList();
        foreach (var i in others)
        {
            text.AppendLine($"  {Instance(instances[i])}  {plan.Refusals[i] ?? Eligible}");
        }

        if (others.Count == 0)
        {
            text.AppendLine(instances.IsEmpty ? "  none: the cluster has no container instances" : "  none");
        }

        if (!run.AllPlaced)
        {
            text.AppendLine().AppendLine("Failures RunTask would report:");
            if (!run.HasActiveInstance)
            {
                var error = TaskErrors.NoInstances();
                text.AppendLine($"  none: RunTask would answer {error.Code}: {error.Message}");
            }
            else
            {
                foreach (var (instance, reason) in plan.Refused)
                {
                    text.AppendLine($"  {instance.Arn}  {reason}");
                }
            }
        }

        var used = placedOn.Count(n => n > 0);
        text.AppendLine().Append($"{plan.Placements.Length} of {Tasks(request.Count)} would be placed, on {used} of {instances.Length} instances");
        text.Append(run.AllPlaced ? "." : $"; {plan.Unplaced} would not.");
        text.AppendLine($" Nothing was started; --seed {request.Seed} repeats this plan.");
        return text.ToString();
    }

    private static string Tasks(int count) => count == 1 ? "1 task" : $"{count} tasks";

    private static string Zone(InstanceSnapshot instance) => instance.Attribute(BuiltInAttributes.AvailabilityZone).Value ?? "-";

    private static string Needs(TaskDemand demand)
    {
        var needs = new List<string> { $"cpu {demand.Cpu}", $"memory {demand.Memory} MiB" };
        if (demand.Gpus > 0)
        {
            needs.Add($"gpus {demand.Gpus}");
        }

        needs.Add($"tcp ports {List(demand.TcpPorts)}");
        if (demand.UdpPorts.Count > 0)
        {
            needs.Add($"udp ports {List(demand.UdpPorts)}");
        }

        if (demand.RequiredAttributes.Count > 0)
        {
            needs.Add($"attributes {List(demand.RequiredAttributes)}");
        }

        return string.Join(", ", needs);
    }

    private static string Constraint(PlacementConstraint constraint) =>
        string.IsNullOrEmpty(constraint.Expression) ? constraint.Type ?? string.Empty : $"{constraint.Type}({constraint.Expression})";

    private static string List(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } joined ? joined : "none";
}
