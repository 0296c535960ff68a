namespace Berth.Agent.Engine;

/// <summary>A task's lifecycle status as ECS reports it (lastStatus); ordered, because a task's status only ever moves forward.</summary>
public enum TaskStatus
{
    /// <summary>Control-plane work before launch (awsvpc ENI); the engine never produces it, it starts at Pending.</summary>
    Provisioning = 0,

    /// <summary>Handed to the agent; images are pulled and containers created and started.</summary>
    Pending = 1,

    /// <summary>Work after launch before RUNNING (service discovery, target groups); the engine has no hook for it yet.</summary>
    Activating = 2,

    /// <summary>Every container that has to run has reached RUNNING (or already finished).</summary>
    Running = 3,

    /// <summary>Deregistration work (load balancer, service discovery) before the containers are signalled.</summary>
    Deactivating = 4,

    /// <summary>Desired STOPPED and containers are being stopped.</summary>
    Stopping = 5,

    /// <summary>Every container has stopped; teardown work (network, volumes) is still running.</summary>
    Deprovisioning = 6,

    /// <summary>Done; nothing of the task runs any more.</summary>
    Stopped = 7,
}
