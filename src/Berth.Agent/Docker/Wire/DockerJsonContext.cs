using System.Text.Json.Serialization;

namespace Berth.Agent.Docker.Wire;

/// <summary>Source-generated serialization of the Engine API bodies. Docker's own names are PascalCase (which the
/// property names already are); the few lower-case or snake_case members carry <c>[JsonPropertyName]</c>. Reading is
/// case-insensitive so that a field whose casing differs between engine versions still binds.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(InfoResponse))]
[JsonSerializable(typeof(RegistryAuthBody))]
[JsonSerializable(typeof(PullLine))]
[JsonSerializable(typeof(ImageInspectResponse))]
[JsonSerializable(typeof(CreateContainerBody))]
[JsonSerializable(typeof(CreateContainerResponse))]
[JsonSerializable(typeof(WaitResponse))]
[JsonSerializable(typeof(ContainerInspectResponse))]
[JsonSerializable(typeof(List<ContainerListItem>))]
[JsonSerializable(typeof(EventMessage))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;
