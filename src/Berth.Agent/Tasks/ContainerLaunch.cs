using Berth.Agent.Docker;

namespace Berth.Agent.Tasks;

/// <summary>The Docker side of one container of a task: the create spec (its <see cref="ContainerSpec.Image"/> is
/// the image pulled) and the registry credentials for the pull, if any.</summary>
/// <remarks>The actor names the container itself (ECS style) and adds the <c>com.amazonaws.ecs.*</c> labels; a
/// <see cref="ContainerSpec.Name"/> given here is replaced.</remarks>
public sealed record ContainerLaunch(ContainerSpec Docker, RegistryAuth? Auth = null);
