using System.Collections.Concurrent;
using System.Threading.Channels;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Storage;
using Berth.State;
using Microsoft.Extensions.Hosting;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Agents;

/// <summary>Follows the store's change feed from its head and hands every changed task to the sessions of the instance it is
/// placed on, so a new task or a new desired status reaches the agent without polling. When the feed was trimmed past this
/// follower, every session is told to resync fully instead.</summary>
public sealed class TaskAssignmentFeed(EcsStore store) : BackgroundService
{
    private readonly ChangeFeedFollower feed = new(store.Store);
    private readonly ConcurrentDictionary<TaskSubscription, string> subscriptions = new();
    private long head;

    /// <summary>Subscribe before reading the full sync, so no change falls between the two.</summary>
    public TaskSubscription Subscribe(string containerInstanceArn)
    {
        var subscription = new TaskSubscription(containerInstanceArn, this);
        subscriptions[subscription] = containerInstanceArn;
        return subscription;
    }

    internal void Unsubscribe(TaskSubscription subscription) => subscriptions.TryRemove(subscription, out _);

    /// <summary>Finds the head before the start returns, so every change committed after the start is followed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        head = await feed.HeadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => feed.FollowAsync(head, ResyncAll, DeliverAsync, stoppingToken);

    /// <summary>Trimmed past us: what we missed is unknown, so every session re-reads its instance's tasks.</summary>
    private ValueTask ResyncAll(CancellationToken cancellationToken)
    {
        foreach (var subscription in subscriptions.Keys)
        {
            subscription.Post(null);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask DeliverAsync(Change change, CancellationToken cancellationToken)
    {
        if (change.Kind != store.Tasks.Kind || change.Deleted)
        {
            return;
        }

        var task = await store.Tasks.GetAsync(change.Partition, change.Key, cancellationToken).ConfigureAwait(false);
        if (task?.Value.ContainerInstanceArn is not { } instance)
        {
            return;
        }

        foreach (var (subscription, arn) in subscriptions)
        {
            if (arn == instance)
            {
                subscription.Post(task.Value);
            }
        }
    }
}

/// <summary>One session's view of the feed: its instance's changed tasks, or null when it must resync fully.</summary>
public sealed class TaskSubscription(string containerInstanceArn, TaskAssignmentFeed feed) : IDisposable
{
    private readonly Channel<EcsTask?> changes = Channel.CreateUnbounded<EcsTask?>(new UnboundedChannelOptions { SingleReader = true });

    public string ContainerInstanceArn => containerInstanceArn;

    public ChannelReader<EcsTask?> Changes => changes.Reader;

    internal void Post(EcsTask? task) => changes.Writer.TryWrite(task);

    public void Dispose()
    {
        feed.Unsubscribe(this);
        changes.Writer.TryComplete();
    }
}
