namespace Berth.Agent.Tasks;

/// <summary>A published container port as ECS reports it (networkBindings): host address and port per container port and protocol.</summary>
public sealed record NetworkBinding(string BindIp, int ContainerPort, int HostPort, string Protocol);
