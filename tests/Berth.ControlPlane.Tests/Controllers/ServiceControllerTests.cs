using System.Threading.Channels;
using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Services;
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
