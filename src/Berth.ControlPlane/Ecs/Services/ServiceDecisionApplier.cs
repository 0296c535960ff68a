using System.Text.Json;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Carries out a scheduler decision: the service and the stopped tasks are written in one transaction at the versions
/// read (a conflict throws, and the pass reads again), then the launches are placed through the shared
/// <see cref="TaskPlacer"/> and what happened is recorded as service events.</summary>
public sealed class ServiceDecisionApplier(
    EcsStore store, ServiceWrites writes, TaskResolver tasks, TaskDefinitionResolver definitions, TaskPlacer placer, OwnServiceWrites own,
    IIdSource ids, TimeProvider time)
{
    /// <summary>Writes the service (when the decision changed it), every stop (a draining one as DEACTIVATING) and every drained
    /// task handed to its agent; returns whether anything was written.</summary>
    /// <exception cref="ConcurrencyConflictException">The service or a task changed since it was read.</exception>
    public async ValueTask<bool> CommitAsync(ServiceReading reading, ServiceDecision decision, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var scope = reading.Key.Scope;
        List<WriteOp> ops = [];
        if (Changed(reading.Service.Value, decision.Service))
        {
            own.Expect(reading.Key, reading.Service.Version);
            ops.AddRange(writes.Save(scope, reading.Service, decision.Service));
        }

        foreach (var stop in decision.Stops)
        {
            if (reading.Tasks.TryGetValue(stop.TaskArn, out var task) && task.Value.DesiredStatus != DesiredStatus.Stopped)
            {
                var stopped = stop.Drains
                    ? TaskDeactivation.Begin(task.Value, TaskStopCode.ServiceSchedulerInitiated, stop.Reason)
                    : TaskStopping.Requested(task.Value, TaskStopCode.ServiceSchedulerInitiated, stop.Reason, now);
                ops.Add(tasks.Write(scope, stopped, task.Version));
            }
        }

        foreach (var arn in decision.Handoffs)
        {
            if (reading.Tasks.TryGetValue(arn, out var task) && TaskDeactivation.IsDraining(task.Value))
            {
                ops.Add(tasks.Write(scope, TaskDeactivation.HandOff(task.Value, now), task.Version));
            }
        }

        if (ops.Count > 0)
        {
            await store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
        }

        return ops.Count > 0;
    }

    /// <summary>Places each launch and records "has started" for the tasks placed and "unable to place" (with the closest
    /// instance's reason) when some could not be; returns how many tasks were placed. An unplaced task is not retried here:
    /// the next attempt waits for a change in the cluster or the resync.</summary>
    public async ValueTask<int> LaunchAsync(ServiceReading reading, ServiceDecision decision, CancellationToken cancellationToken)
    {
        var service = decision.Service.Service;
        var events = new List<string>();
        var placed = 0;
        foreach (var launch in decision.Launches)
        {
            var deployment = service.Deployments?.FirstOrDefault(d => d.Id == launch.DeploymentId)
                ?? throw new InvalidOperationException($"The scheduler launched tasks of deployment {launch.DeploymentId}, which {reading.Key} does not have.");
            var definition = await definitions.FindAsync(reading.Key.Scope, deployment.TaskDefinition!, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Deployment {deployment.Id} of {reading.Key} names task definition {deployment.TaskDefinition}, which is not stored.");
            var placement = ServiceTaskPlacements.For(reading.Key.Cluster, service, deployment, definition.Value, launch, time.GetUtcNow());
            var outcome = await placer.PlaceAsync(reading.Key.Scope, placement, cancellationToken).ConfigureAwait(false);
            placed += outcome.Tasks.Count;
            if (outcome.Tasks.Count > 0)
            {
                events.Add(ServiceEventText.Started(reading.Key.Name, outcome.Tasks.Select(t => t.TaskArn!.Split('/')[^1])));
            }

            if (outcome.Tasks.Count < launch.Count)
            {
                events.Add(ServiceEventText.UnableToPlace(reading.Key.Name, outcome.NoActiveInstance ? null : ServiceTaskPlacements.Closest(outcome.Failures)));
            }
        }

        if (events.Count > 0)
        {
            await RecordAsync(reading.Key, events, cancellationToken).ConfigureAwait(false);
        }

        return placed;
    }

    /// <summary>Adds the events to the service as it is now (its own read-modify-write: the launches took time).</summary>
    private async ValueTask RecordAsync(ServiceKey key, List<string> messages, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            if (await store.Services.GetAsync(key.Partition, key.StoreKey, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return false;
            }

            var now = time.GetUtcNow();
            var after = messages.Aggregate(current.Value, (service, message) => ServiceEvents.Add(service, message, now, ids));
            own.Expect(key, current.Version);
            await store.Store.ApplyAsync(writes.Save(key.Scope, current, after), cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    /// <summary>Whether the decision's service differs from the one read: by reference first (the scheduler returns its input
    /// when nothing changed), then by content, so a decision that rebuilt an equal document writes nothing and wakes nobody.</summary>
    private static bool Changed(StoredService read, StoredService decided) =>
        !ReferenceEquals(read, decided)
        && JsonSerializer.Serialize(read, StoredJsonContext.Default.StoredService) != JsonSerializer.Serialize(decided, StoredJsonContext.Default.StoredService);
}
