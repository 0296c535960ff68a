namespace Berth.LoadBalancing.Tests.Integration;

/// <summary>A configuration source a test sets directly; every set wakes the data plane.</summary>
internal sealed class SettableConfigurationSource : IProxyConfigurationSource
{
    private readonly Lock gate = new();
    private ProxyConfiguration configuration = ProxyConfiguration.Empty;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set(ProxyConfiguration next)
    {
        TaskCompletionSource wake;
        lock (gate)
        {
            configuration = next;
            (wake, changed) = (changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        wake.TrySetResult();
    }

    public ValueTask<ProxyConfiguration> ReadAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(configuration);
        }
    }

    public Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return changed.Task.WaitAsync(cancellationToken);
        }
    }
}
