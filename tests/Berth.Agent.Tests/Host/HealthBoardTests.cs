using Berth.Agent.Host;
using Berth.Agent.Tasks;

namespace Berth.Agent.Tests.Host;

/// <summary>The health board signals each change once, so the channel carries no duplicate TaskHealth frames.</summary>
public sealed class HealthBoardTests
{
    private const string Arn = "arn:aws:ecs:us-east-1:000000000000:task/default/t1";

    [Fact]
    public void ChangeIsSignalledOnceAndUnchangedReportIsNot()
    {
        var board = new HealthBoard();
        board.Record(Task("RUNNING", "HEALTHY"));
        board.Record(Task("RUNNING", "HEALTHY"));

        Assert.True(board.Changed.TryRead(out var changed));
        Assert.Equal(Arn, changed);
        Assert.False(board.Changed.TryRead(out _));
        Assert.Equal("HEALTHY", board.Current(Arn)?.HealthStatus);
    }

    [Fact]
    public void ContainerHealthIsKeptPerContainer()
    {
        var board = new HealthBoard();
        board.Record(Container("web", "HEALTHY"));
        board.Record(Container("db", "UNHEALTHY"));
        board.Record(Container("web", "UNHEALTHY"));

        var containers = board.Current(Arn)!.Containers;
        Assert.Equal([new("db", "UNHEALTHY"), new("web", "UNHEALTHY")], containers);
    }

    [Fact]
    public void StoppedTaskLeavesAll()
    {
        var board = new HealthBoard();
        board.Record(Task("RUNNING", "HEALTHY"));
        Assert.Single(board.All);

        board.Record(Task("STOPPED", "HEALTHY"));

        Assert.Empty(board.All);
        Assert.Null(board.Current(Arn));
    }

    private static TaskStatusReport Task(string status, string health) =>
        new() { TaskArn = Arn, Sequence = 1, Status = status, DesiredStatus = "RUNNING", HealthStatus = health };

    private static ContainerStatusReport Container(string name, string health) =>
        new() { TaskArn = Arn, Sequence = 1, ContainerName = name, Status = "RUNNING", HealthStatus = health };
}
