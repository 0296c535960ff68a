namespace Berth.ControlPlane.Ecs;

/// <summary>New resource ids, injected so that tests can make them predictable.</summary>
public interface IIdSource
{
    /// <summary>A fresh id of 32 lowercase hex digits, the shape of ECS's container instance and task ids.</summary>
    string NewId();
}
