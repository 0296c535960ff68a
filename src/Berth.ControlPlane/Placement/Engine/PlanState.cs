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
        Cpu = new int[instances.Length];
        Memory = new int[instances.Length];
        Gpus = new int[instances.Length];
        GroupCount = new int[instances.Length];
        TcpPortsTaken = new bool[instances.Length];
        UdpPortsTaken = new bool[instances.Length];
        for (var i = 0; i < instances.Length; i++)
        {
            var instance = instances[i];
            Cpu[i] = instance.Cpu;
            Memory[i] = instance.Memory;
            Gpus[i] = instance.Gpus;
            GroupCount[i] = instance.GroupCounts.GetValueOrDefault(request.Group);
            TcpPortsTaken[i] = AnyIn(request.Demand.TcpPorts, instance.TcpPortsInUse);
            UdpPortsTaken[i] = AnyIn(request.Demand.UdpPorts, instance.UdpPortsInUse);
        }
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

    private static bool AnyIn(IReadOnlyList<string> ports, IReadOnlySet<string> inUse)
    {
        foreach (var port in ports)
        {
            if (inUse.Contains(port))
            {
                return true;
            }
        }

        return false;
    }
}
