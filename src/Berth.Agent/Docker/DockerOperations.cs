namespace Berth.Agent.Docker;

/// <summary>The operation names that appear in <see cref="DockerException.Operation"/> and in timeout messages.</summary>
public static class DockerOperations
{
    public const string Version = "version";
    public const string Info = "info";
    public const string PullImage = "pull image";
    public const string InspectImage = "inspect image";
    public const string CreateContainer = "create container";
    public const string StartContainer = "start container";
    public const string StopContainer = "stop container";
    public const string KillContainer = "kill container";
    public const string WaitContainer = "wait container";
    public const string InspectContainer = "inspect container";
    public const string RemoveContainer = "remove container";
    public const string RemoveVolume = "remove volume";
    public const string ListContainers = "list containers";
    public const string Events = "events";
    public const string Logs = "logs";
    public const string Stats = "stats";
}
