namespace Berth.Agent.Tests.Docker.Integration;

/// <summary>The engine tests share one client and run one class at a time: they measure signal timings, which a
/// 2-core machine busy with parallel containers would blur.</summary>
[CollectionDefinition(Name)]
public sealed class DockerEngineCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "Docker engine";
}
