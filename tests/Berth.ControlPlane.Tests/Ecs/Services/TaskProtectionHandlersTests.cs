using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>UpdateTaskProtection, GetTaskProtection and the scheduler's reader of protections.</summary>
public sealed class TaskProtectionHandlersTests : ServiceHandlerTestBase
{
    [Fact]
    public async Task Update_DefaultsTo120Minutes_GetShowsIt_ExpiryDisablesIt()
    {
        var task = await RunOneAsync();

        var updated = await UpdateAsync([task, "nope"], enabled: true);
        var shown = await GetAsync([task]);
        var active = await Ecs.Protections.ActiveAsync(Scope, "prod", Ecs.Time.GetUtcNow(), default);
        Ecs.Time.Advance(TimeSpan.FromMinutes(120));
        var expired = await GetAsync([task]);

        var protection = Assert.Single(updated.ProtectedTasks!);
        Assert.Equal((task, true, EcsHarness.Start.AddMinutes(120)), (protection.TaskArn, protection.ProtectionEnabled, protection.ExpirationDate));
        Assert.Equal(("arn:aws:ecs:us-east-1:123456789012:task/prod/nope", "MISSING"), (Assert.Single(updated.Failures!).Arn, updated.Failures![0].Reason));
        Assert.Equal((true, EcsHarness.Start.AddMinutes(120)), (shown.ProtectedTasks!.Single().ProtectionEnabled, shown.ProtectedTasks![0].ExpirationDate));
        Assert.Equal(EcsHarness.Start.AddMinutes(120), active[task]);
        Assert.Equal((false, null), (expired.ProtectedTasks!.Single().ProtectionEnabled, expired.ProtectedTasks![0].ExpirationDate));
        Assert.Empty(await Ecs.Protections.ActiveAsync(Scope, "prod", Ecs.Time.GetUtcNow(), default));
    }

    [Fact]
    public async Task Update_AgainRestartsTheClock_DisablingClearsIt()
    {
        var task = await RunOneAsync();
        await UpdateAsync([task], enabled: true, minutes: 10);
        Ecs.Time.Advance(TimeSpan.FromMinutes(5));

        var renewed = await UpdateAsync([task], enabled: true, minutes: 10);
        var disabled = await UpdateAsync([task], enabled: false);

        Assert.Equal(EcsHarness.Start.AddMinutes(15), renewed.ProtectedTasks!.Single().ExpirationDate);
        Assert.Equal((false, null), (disabled.ProtectedTasks!.Single().ProtectionEnabled, disabled.ProtectedTasks![0].ExpirationDate));
        Assert.False((await GetAsync([task])).ProtectedTasks!.Single().ProtectionEnabled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2881)]
    public async Task Update_ExpiryOutOfRange_Refused(int minutes)
    {
        var task = await RunOneAsync();

        var error = await RefusedAsync(() => UpdateAsync([task], enabled: true, minutes: minutes));

        Assert.Equal(("InvalidParameterException", "expiresInMinutes must be between 1 and 2880."), (error.Code, error.Message));
    }

    [Fact]
    public async Task Get_TooManyTasksOrUnknownCluster_Refused()
    {
        var many = await RefusedAsync(() => GetAsync(Enumerable.Range(0, 11).Select(i => $"t{i}").ToList()));
        var cluster = await RefusedAsync(() => Ecs.TaskProtection.GetTaskProtection(
            Ecs.Caller(), new GetTaskProtectionRequest { Cluster = "nope", Tasks = ["t"] }, default).AsTask());

        Assert.Equal("tasks can have at most 10 items.", many.Message);
        Assert.Equal("ClusterNotFoundException", cluster.Code);
    }

    private async Task<string> RunOneAsync()
    {
        await InstanceAsync();
        return (await RunAsync()).Tasks!.Single().TaskArn!;
    }

    private async Task<UpdateTaskProtectionResponse> UpdateAsync(List<string> tasks, bool enabled, int? minutes = null) =>
        await Ecs.TaskProtection.UpdateTaskProtection(
            Ecs.Caller(), new UpdateTaskProtectionRequest { Cluster = "prod", Tasks = tasks, ProtectionEnabled = enabled, ExpiresInMinutes = minutes }, default);

    private async Task<GetTaskProtectionResponse> GetAsync(List<string> tasks) =>
        await Ecs.TaskProtection.GetTaskProtection(Ecs.Caller(), new GetTaskProtectionRequest { Cluster = "prod", Tasks = tasks }, default);
}
