namespace Berth.Agent.Docker.Wire;

/// <summary>Docker's <c>{}</c> values (ExposedPorts, Volumes): a set written as an object of empty objects.</summary>
internal sealed record EmptyObject
{
    public static readonly EmptyObject Instance = new();
}
