namespace Berth.Agent.Tasks;

/// <summary>Where task actors send their reports (the agent forwards them to the control plane).</summary>
/// <remarks>Called from the actor's loop, one report at a time in the order they happened; an implementation should
/// only enqueue (delivery and retries are its business) and not throw — an exception is swallowed so the task keeps
/// running.</remarks>
public interface ITaskStatusSink
{
    ValueTask ReportTaskStatusAsync(TaskStatusReport report, CancellationToken cancellationToken);

    ValueTask ReportContainerStatusAsync(ContainerStatusReport report, CancellationToken cancellationToken);
}
