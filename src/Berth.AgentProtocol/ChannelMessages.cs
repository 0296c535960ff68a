using System.Text.Json;
using Berth.Aws.Generated.Ecs;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.AgentProtocol;

/// <summary>One channel frame, a JSON text message <c>{"type": ..., "message": {...}}</c>; the type says how to read the message.</summary>
public sealed record ChannelFrame(string Type, JsonElement? Message);

/// <summary>The message of a Heartbeat (down) and of its HeartbeatAck (up).</summary>
public sealed record HeartbeatMessage(string MessageId);

/// <summary>Acknowledges the Payload or TaskHealth frame with this id.</summary>
public sealed record AckMessage(string MessageId);

/// <summary>Tasks assigned to the instance, each whole (the task as DescribeTasks shows it, with its desired status, and its
/// task definition). With <see cref="FullSync"/> the list is every task the instance should know of (sent first on every
/// connect): a task the agent runs that is not listed is no longer the instance's and is stopped.</summary>
public sealed record PayloadMessage(string MessageId, bool FullSync, IReadOnlyList<TaskAssignment> Tasks);

/// <summary>A task and the definition it runs, with the task's overrides still separate (the agent applies them).</summary>
public sealed record TaskAssignment(EcsTask Task, TaskDefinition TaskDefinition);

/// <summary>A task's health as its containers' health checks say (UNKNOWN, HEALTHY, UNHEALTHY); the latest per task wins.</summary>
public sealed record TaskHealthMessage(string MessageId, string TaskArn, string HealthStatus, IReadOnlyList<ContainerHealthMessage> Containers);

/// <summary>One container's health within a <see cref="TaskHealthMessage"/>.</summary>
public sealed record ContainerHealthMessage(string Name, string HealthStatus);
