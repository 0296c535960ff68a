using System.Threading.Channels;
using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Tests.Ecs.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>The hosted controller over a real store: every service at start, then the services each change wakes.</summary>
public sealed class ServiceControllerTests : ServiceTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Channel<ServiceKey> reconciled = Channel.CreateUnbounded<ServiceKey>();

    /// <summary>Each step makes exactly one change (so the keys it wakes are known): a new service document, a task's report,
    /// an instance's agent leaving.</summary>
    [Fact]
    public async Task Start_LooksAtEveryService_ThenAtEachServiceAChangeConcerns()
    {
        var definition = await DefinitionAsync();
        var instance = await InstanceAsync();
        await ServiceAsync(definition, "web");
        var task = (await ServiceTasksAsync(1, service: "web")).Single();
        var controller = new ServiceController(
            Ecs.Store, new ServiceWakeups(Ecs.Store, Own), new Recording(reconciled), new ServiceControllerOptions(), Ecs.Time,
            NullLogger<ServiceController>.Instance);
        await controller.StartAsync(default);
        try
        {
            Assert.Equal(Key("web"), await NextAsync());

            await ServiceAsync(definition, "api");
            Assert.Equal(Key("api"), await NextAsync());

            await ChangeTaskAsync(task.TaskArn!, t => t with { LastStatus = TaskLifecycle.Running });
            Assert.Equal(Key("web"), await NextAsync());

            var stored = (await Ecs.Store.ContainerInstances.GetAsync(Key().Partition, ContainerInstanceResolver.KeyOf(instance), default))!;
            await Ecs.Store.Store.ApplyAsync(
                [new ContainerInstanceResolver(Ecs.Store).Write(Scope, stored.Value with { AgentConnected = false }, stored.Version)], default);
            Assert.Equal([Key("api"), Key("web")], new[] { await NextAsync(), await NextAsync() }.OrderBy(k => k.Name).ToList());
        }
        finally
        {
            await controller.StopAsync(default);
        }

        Assert.False(reconciled.Reader.TryRead(out _));
    }

    /// <summary>The whole loop with a stand-in scheduler that tops the service up to its desired count: the service's document
    /// wakes it, the pass places the tasks through the placer, and the next pass (woken by its own progress) finds them.</summary>
    [Fact]
    public async Task AStoredService_IsScheduled_UntilItHasItsDesiredTasks()
    {
        await InstanceAsync();
        var definition = await DefinitionAsync();
        var reconciler = Reconciler((situation, _) =>
        {
            var missing = situation.Service.Service.DesiredCount!.Value - situation.Tasks.Count(t => t.DesiredStatus != TaskLifecycle.Stopped);
            return missing > 0
                ? new ServiceDecision(situation.Service, [], [new TaskLaunch(Deployment, missing, null)], null)
                : ServiceDecision.Nothing(situation.Service);
        });
        var controller = new ServiceController(
            Ecs.Store, new ServiceWakeups(Ecs.Store, Own), reconciler, new ServiceControllerOptions(), Ecs.Time, NullLogger<ServiceController>.Instance);
        await controller.StartAsync(default);
        try
        {
            await ServiceAsync(definition);

            var events = await WaitForAsync(async () => (await StoredServiceAsync()).Service.Events is { Count: > 0 } recorded ? recorded : null);

            Assert.StartsWith("(service web) has started 2 tasks:", Assert.Single(events).Message);
            Assert.Equal(2, (await Reader.ReadAsync(Key(), default))!.Situation.Tasks.Count);
        }
        finally
        {
            await controller.StopAsync(default);
        }
    }

    /// <summary>Waits on the store's change feed (no polling on a clock) until <paramref name="probe"/> finds something.</summary>
    private async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var seen = (await Ecs.Store.Store.ReadChangesAsync(0, int.MaxValue, default)).LastOrDefault()?.Sequence ?? 0;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Ecs.Store.Store.WaitForChangesAsync(seen, timeout.Token);
            seen = (await Ecs.Store.Store.ReadChangesAsync(seen, int.MaxValue, default)).Last().Sequence;
        }
    }

    private async Task<ServiceKey> NextAsync() => await reconciled.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    /// <summary>Records the keys passed, and asks for nothing more.</summary>
    private sealed class Recording(Channel<ServiceKey> reconciled) : IReconciler<ServiceKey>
    {
        public ValueTask<DateTimeOffset?> ReconcileAsync(ServiceKey key, CancellationToken cancellationToken)
        {
            reconciled.Writer.TryWrite(key);
            return ValueTask.FromResult<DateTimeOffset?>(null);
        }
    }
}
