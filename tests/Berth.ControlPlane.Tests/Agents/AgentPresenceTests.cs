using Berth.ControlPlane.Agents;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Agents;

public sealed class AgentPresenceTests : AgentTests
{
    [Fact]
    public async Task Connected_MarksTheInstanceAndBumpsItsVersion()
    {
        var presence = new AgentPresence(Ecs.Store);

        await presence.ConnectedAsync(InstanceArn, default);

        var instance = await InstanceAsync(InstanceArn);
        Assert.Equal((true, 2L), (instance.AgentConnected, instance.Version));
    }

    [Fact]
    public async Task Disconnected_OneOfTwoConnections_StillConnectedUntilTheLast()
    {
        var presence = new AgentPresence(Ecs.Store);
        await presence.ConnectedAsync(InstanceArn, default);
        await presence.ConnectedAsync(InstanceArn, default);

        await presence.DisconnectedAsync(InstanceArn);
        var afterFirst = await InstanceAsync(InstanceArn);
        await presence.DisconnectedAsync(InstanceArn);
        var afterLast = await InstanceAsync(InstanceArn);

        Assert.Equal((true, 2L), (afterFirst.AgentConnected, afterFirst.Version));
        Assert.Equal((false, 3L), (afterLast.AgentConnected, afterLast.Version));
    }

    [Fact]
    public async Task Reset_AfterARestart_MarksEveryConnectedInstanceDisconnected_AndLeavesTheOthers()
    {
        var idle = await RegisterAsync();
        await new AgentPresence(Ecs.Store).ConnectedAsync(InstanceArn, default);

        await new AgentPresence(Ecs.Store).ResetAsync(default);

        var reset = await InstanceAsync(InstanceArn);
        var untouched = await InstanceAsync(idle);
        Assert.Equal((false, 3L), (reset.AgentConnected, reset.Version));
        Assert.Equal((false, 1L), (untouched.AgentConnected, untouched.Version));
    }

    [Fact]
    public async Task IsRegistered_UnknownInstance_False() =>
        Assert.False(await new AgentPresence(Ecs.Store).IsRegisteredAsync(InstanceArn[..^4] + "ffff", default));
}
