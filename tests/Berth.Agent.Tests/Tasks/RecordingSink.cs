using Berth.Agent.Tasks;

namespace Berth.Agent.Tests.Tasks;

/// <summary>Keeps every report in order and lets a test await one, with a timeout that only guards against a hang.</summary>
internal sealed class RecordingSink : ITaskStatusSink
{
    private readonly Lock _lock = new();
    private readonly List<object> _reports = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<object> Reports
    {
        get
        {
            lock (_lock)
            {
                return [.. _reports];
            }
        }
    }

    public IReadOnlyList<TaskStatusReport> TaskReports => [.. Reports.OfType<TaskStatusReport>()];

    public IReadOnlyList<ContainerStatusReport> ContainerReports(string container) =>
        [.. Reports.OfType<ContainerStatusReport>().Where(r => r.ContainerName == container)];

    public ValueTask ReportTaskStatusAsync(TaskStatusReport report, CancellationToken cancellationToken)
    {
        Add(report);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReportContainerStatusAsync(ContainerStatusReport report, CancellationToken cancellationToken)
    {
        Add(report);
        return ValueTask.CompletedTask;
    }

    /// <summary>The first task report with <paramref name="status"/>.</summary>
    public async Task<TaskStatusReport> TaskAsync(string status, TimeSpan? timeout = null) =>
        (TaskStatusReport)await WaitAsync(r => r is TaskStatusReport t && t.Status == status, $"task status {status}", timeout);

    /// <summary>The first report of <paramref name="container"/> with <paramref name="status"/>.</summary>
    public async Task<ContainerStatusReport> ContainerAsync(string container, string status, TimeSpan? timeout = null) =>
        (ContainerStatusReport)await WaitAsync(r => r is ContainerStatusReport c && c.ContainerName == container && c.Status == status,
            $"container {container} {status}", timeout);

    private async Task<object> WaitAsync(Func<object, bool> match, string what, TimeSpan? timeout)
    {
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_reports.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No report of {what} came; reports so far: {string.Join("; ", Reports)}");
            }
        }
    }

    private void Add(object report)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _reports.Add(report);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }
}
