namespace Berth.ControlPlane.Placement.Engine;

/// <summary>The working copy one plan changes as it places tasks: remaining CPU, memory and GPUs, tasks of the request's
/// group per instance, and whether the request's static ports are taken. Never shared, so plans need no locks.</summary>
internal sealed class PlanState
{
    public PlanState(ClusterSnapshot snapshot, PlacementRequest request)
    {
        Snapshot = snapshot;
        Request = request;
        var instances = snapshot.Instances;
        Cpu = instances.Select(i => i.Cpu).ToArray();
        Memory = instances.Select(i => i.Memory).ToArray();
        Gpus = instances.Select(i => i.Gpus).ToArray();
        GroupCount = instances.Select(i => i.GroupCounts.GetValueOrDefault(request.Group)).ToArray();
        TcpPortsTaken = instances.Select(i => request.Demand.TcpPorts.Any(i.TcpPortsInUse.Contains)).ToArray();
        UdpPortsTaken = instances.Select(i => request.Demand.UdpPorts.Any(i.UdpPortsInUse.Contains)).ToArray();
    }

    public ClusterSnapshot Snapshot { get; }

    public PlacementRequest Request { get; }

    public TaskDemand Demand => Request.Demand;

    public int[] Cpu { get; }

    public int[] Memory { get; }

    public int[] Gpus { get; }

    public int[] GroupCount { get; }

    public bool[] TcpPortsTaken { get; }

    public bool[] UdpPortsTaken { get; }

    /// <summary>One more task of the request on instance <paramref name="i"/>.</summary>
    public void Place(int i)
    {
        Cpu[i] -= Demand.Cpu;
        Memory[i] -= Demand.Memory;
        Gpus[i] -= Demand.Gpus;
        GroupCount[i]++;
        TcpPortsTaken[i] |= Demand.TcpPorts.Count > 0;
        UdpPortsTaken[i] |= Demand.UdpPorts.Count > 0;
    }
}
