namespace Berth.ControlPlane.Placement.Engine;

/// <summary>What every task of a request needs from the instance it lands on: CPU units, memory MiB, GPUs, the static
/// host ports it binds (dynamic ports need nothing) and the attributes its definition requires.</summary>
public sealed record TaskDemand(
    int Cpu, int Memory, int Gpus, IReadOnlyList<string> TcpPorts, IReadOnlyList<string> UdpPorts, IReadOnlyList<string> RequiredAttributes);
