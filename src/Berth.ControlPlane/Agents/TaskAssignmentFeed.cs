using System.Collections.Concurrent;
using System.Threading.Channels;
using Berth.ControlPlane.Ecs;
using Microsoft.Extensions.Hosting;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Agents;

/// <summary>Follows the store's change feed from its head and hands every changed task to the sessions of the instance it is
/// placed on, so a new task or a new desired status reaches the agent without polling. When the feed was trimmed past this
/// follower, every session is told to resync fully instead.</summary>
public sealed class TaskAssignmentFeed(EcsStore store) : BackgroundService
{
    private const int PageSize = 256;
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
        head = await HeadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cursor = head;
        while (!stoppingToken.IsCancellationRequested)
        {
            await store.Store.WaitForChangesAsync(cursor, stoppingToken).ConfigureAwait(false);
            cursor = await FollowAsync(cursor, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the feed's changes after <paramref name="cursor"/> and delivers them; returns the new cursor.</summary>
    private async Task<long> FollowAsync(long cursor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changes = await store.Store.ReadChangesAsync(cursor, PageSize, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                return cursor;
            }

            if (changes[0].Sequence > cursor + 1)
            {
                // Trimmed past us: what we missed is unknown, so every session re-reads its instance's tasks.
                foreach (var subscription in subscriptions.Keys)
                {
                    subscription.Post(null);
                }
            }

            foreach (var change in changes.Where(c => c.Kind == store.Tasks.Kind && !c.Deleted))
            {
                await DeliverAsync(change.Partition, change.Key, cancellationToken).ConfigureAwait(false);
            }

            cursor = changes[^1].Sequence;
        }
    }

    /// <summary>The sequence of the newest change (reading forward, as the store offers no head lookup).</summary>
    private async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        long cursor = 0;
        while (await store.Store.ReadChangesAsync(cursor, PageSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } changes)
        {
            cursor = changes[^1].Sequence;
        }

        return cursor;
    }

    private async Task DeliverAsync(string partition, string key, CancellationToken cancellationToken)
    {
        var task = await store.Tasks.GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
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
