using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Storage;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>One pass's read of a service: what the scheduler decides from, and the documents with the versions read, which
/// the decision is written back at (a concurrent change makes the write fail and the pass run again).</summary>
/// <param name="Tasks">The service's tasks by ARN.</param>
public sealed record ServiceReading(
    ServiceKey Key, Versioned<StoredService> Service, IReadOnlyDictionary<string, Versioned<EcsTask>> Tasks, ServiceSituation Situation);
