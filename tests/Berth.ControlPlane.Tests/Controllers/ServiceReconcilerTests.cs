using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Tests.Ecs.Services;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>One scheduler pass over a real store: a lost race decides again on fresh state, and the pass says when to look again.</summary>
public sealed class ServiceReconcilerTests : ServiceTestBase
{
    [Fact]
    public async Task Pass_WhenAnotherWriterChangesTheServiceBeforeTheCommit_DecidesAgainOnFreshState()
    {
        await ServiceAsync(await DefinitionAsync());
        var seen = new List<int?>();
        var reconciler = Reconciler((situation, _) =>
        {
            seen.Add(situation.Service.Service.DesiredCount);
            if (seen.Count == 1)
            {
                // Another writer (an UpdateService) commits between this pass's read and its commit; the pass is synchronous
                // here, as the scheduler is, so the test waits for the write in place.
                UpdateDesiredCountAsync(5).GetAwaiter().GetResult();
            }

            return new ServiceDecision(
                ServiceEvents.Add(situation.Service, "(service web) has reached a steady state.", situation.Now, Ecs.Ids), [], [], null);
        });

        var next = await reconciler.ReconcileAsync(Key(), default);

        Assert.Equal([2, 5], seen);
        var stored = await StoredServiceAsync();
        Assert.Equal(5, stored.Service.DesiredCount);
        Assert.Equal("(service web) has reached a steady state.", Assert.Single(stored.Service.Events!).Message);
        Assert.Equal(Ecs.Time.GetUtcNow(), next);
    }

    [Fact]
    public async Task Pass_ThatChangedNothing_LooksAgainAtTheResync()
    {
        await ServiceAsync(await DefinitionAsync());

        var next = await Reconciler((situation, _) => ServiceDecision.Nothing(situation.Service)).ReconcileAsync(Key(), default);

        Assert.Equal(Ecs.Time.GetUtcNow() + ServiceControllerOptionsDefaults.Resync, next);
    }

    [Fact]
    public async Task Pass_ThatChangedNothing_LooksAgainAtTheDecisionsWakeUp_WhenThatComesFirst()
    {
        await ServiceAsync(await DefinitionAsync());
        var wake = Ecs.Time.GetUtcNow().AddSeconds(12);

        var next = await Reconciler((situation, _) => ServiceDecision.Nothing(situation.Service) with { WakeAt = wake }).ReconcileAsync(Key(), default);

        Assert.Equal(wake, next);
    }

    [Fact]
    public async Task Pass_ThatCouldNotPlace_WaitsForTheResync_RatherThanTryingAgainAtOnce()
    {
        await ServiceAsync(await DefinitionAsync());

        var next = await Reconciler((situation, _) => new ServiceDecision(situation.Service, [], [new TaskLaunch(Deployment, 1, null)], null))
            .ReconcileAsync(Key(), default);

        Assert.Equal(Ecs.Time.GetUtcNow() + ServiceControllerOptionsDefaults.Resync, next);
        Assert.Single((await StoredServiceAsync()).Service.Events!);
    }

    [Fact]
    public async Task Pass_ForAServiceNotStored_WaitsForAWakeUp()
    {
        var decided = false;

        var next = await Reconciler((situation, _) =>
        {
            decided = true;
            return ServiceDecision.Nothing(situation.Service);
        }).ReconcileAsync(Key("absent"), default);

        Assert.Null(next);
        Assert.False(decided);
    }

    private async Task UpdateDesiredCountAsync(int count)
    {
        var current = (await Ecs.Store.Services.GetAsync(Key().Partition, Key().StoreKey, default))!;
        var updated = current.Value with { Service = current.Value.Service with { DesiredCount = count } };
        await Ecs.Store.Store.ApplyAsync(Writes.Save(Scope, current, updated), default);
    }

    private static class ServiceControllerOptionsDefaults
    {
        public static readonly TimeSpan Resync = Berth.ControlPlane.Controllers.ServiceControllerOptions.DefaultResyncInterval;
    }
}
