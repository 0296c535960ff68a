using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
namespace Berth.Agent.Tests.Engine;

/// <summary>Task lastStatus from container statuses, desired status and hooks.</summary>
public sealed class TaskStatusDerivationTests
{
    // current task status, desired, container known statuses, deactivation hook, deprovisioning hook ("-" = no such work), expected.
    [Theory]
    [InlineData(TaskStatus.Pending, DesiredStatus.Running, "None,None", "-", "-", TaskStatus.Pending)]
    [InlineData(TaskStatus.Pending, DesiredStatus.Running, "Running,Created", "-", "-", TaskStatus.Pending)]
    [InlineData(TaskStatus.Pending, DesiredStatus.Running, "Running,Running", "-", "-", TaskStatus.Running)]
    [InlineData(TaskStatus.Pending, DesiredStatus.Running, "Running,Stopped", "-", "-", TaskStatus.Running)]
    [InlineData(TaskStatus.Running, DesiredStatus.Running, "Running,Stopped", "-", "-", TaskStatus.Running)]
    [InlineData(TaskStatus.Running, DesiredStatus.Stopped, "Running,Running", "-", "-", TaskStatus.Stopping)]
    [InlineData(TaskStatus.Running, DesiredStatus.Stopped, "Running,Running", "NotStarted", "-", TaskStatus.Deactivating)]
    [InlineData(TaskStatus.Deactivating, DesiredStatus.Stopped, "Running,Running", "InFlight", "-", TaskStatus.Deactivating)]
    [InlineData(TaskStatus.Deactivating, DesiredStatus.Stopped, "Running,Running", "Done", "-", TaskStatus.Stopping)]
    [InlineData(TaskStatus.Stopping, DesiredStatus.Stopped, "Stopped,Running", "-", "-", TaskStatus.Stopping)]
    [InlineData(TaskStatus.Stopping, DesiredStatus.Stopped, "Stopped,Stopped", "-", "-", TaskStatus.Stopped)]
    [InlineData(TaskStatus.Stopping, DesiredStatus.Stopped, "Stopped,Stopped", "-", "NotStarted", TaskStatus.Deprovisioning)]
    [InlineData(TaskStatus.Deprovisioning, DesiredStatus.Stopped, "Stopped,Stopped", "-", "InFlight", TaskStatus.Deprovisioning)]
    [InlineData(TaskStatus.Deprovisioning, DesiredStatus.Stopped, "Stopped,Stopped", "-", "Done", TaskStatus.Stopped)]
    // Stopped before it ever ran: stays PENDING until STOPPED, and never deactivates.
    [InlineData(TaskStatus.Pending, DesiredStatus.Stopped, "Running,None", "-", "-", TaskStatus.Pending)]
    [InlineData(TaskStatus.Pending, DesiredStatus.Stopped, "Running,Stopped", "NotStarted", "-", TaskStatus.Pending)]
    [InlineData(TaskStatus.Pending, DesiredStatus.Stopped, "Stopped,Stopped", "-", "-", TaskStatus.Stopped)]
    [InlineData(TaskStatus.Pending, DesiredStatus.Stopped, "Stopped,Stopped", "NotStarted", "NotStarted", TaskStatus.Deprovisioning)]
    // Never backwards.
    [InlineData(TaskStatus.Running, DesiredStatus.Running, "Running,Created", "-", "-", TaskStatus.Running)]
    [InlineData(TaskStatus.Stopped, DesiredStatus.Stopped, "Stopped,Stopped", "-", "NotStarted", TaskStatus.Stopped)]
    public void Derive_ContainersDesiredAndHooks_Expected(TaskStatus current, DesiredStatus desired, string containers,
        string deactivation, string deprovisioning, TaskStatus expected)
    {
        var statuses = containers.Split(',').Select(Enum.Parse<ContainerStatus>).ToArray();
        var spec = Specs.Task([.. statuses.Select((_, i) => Specs.Container($"c{i}"))]) with
        {
            HasDeactivationWork = deactivation != "-",
            HasDeprovisioningWork = deprovisioning != "-",
        };
        var task = TaskState.Create(spec) with
        {
            KnownStatus = current,
            DesiredStatus = desired,
            Deactivation = deactivation == "-" ? HookProgress.NotStarted : Enum.Parse<HookProgress>(deactivation),
            Deprovisioning = deprovisioning == "-" ? HookProgress.NotStarted : Enum.Parse<HookProgress>(deprovisioning),
        };
        for (var i = 0; i < statuses.Length; i++)
        {
            task = task.With(task.Container($"c{i}") with { KnownStatus = statuses[i] });
        }

        var status = TaskStatusDerivation.Derive(task);

        Assert.True(status == expected,
            $"task {current} desired {desired}, containers [{containers}], deactivation {deactivation}, deprovisioning {deprovisioning}: expected {expected} but got {status}");
    }
}
