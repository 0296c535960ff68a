namespace Berth.Agent.Docker.Internal;

/// <summary>The time budget of one Docker call: its token is cancelled by the caller or when the named timeout
/// passes, and <see cref="TimedOut"/> tells the two apart so a timeout surfaces as <see cref="DockerTimeoutException"/>
/// and a caller's cancellation as itself. Timers come from the injected <see cref="TimeProvider"/>.</summary>
internal sealed class CallScope : IDisposable
{
    private readonly CancellationTokenSource timeout;
    private readonly CancellationTokenSource linked;
    private readonly CancellationToken caller;
    private readonly bool inactivity;

    /// <param name="inactivity">The budget is for silence, not for the whole call: <see cref="Restart"/> on each sign of progress.</param>
    public CallScope(string operation, string? subject, TimeSpan budget, TimeProvider time, CancellationToken caller, bool inactivity = false)
    {
        Operation = operation;
        Subject = subject;
        Budget = budget;
        this.caller = caller;
        this.inactivity = inactivity;
        timeout = new CancellationTokenSource(budget, time);
        linked = CancellationTokenSource.CreateLinkedTokenSource(caller, timeout.Token);
    }

    public string Operation { get; }

    /// <summary>The container or image the call is about, for messages.</summary>
    public string? Subject { get; }

    public TimeSpan Budget { get; }

    public CancellationToken Token => linked.Token;

    /// <summary>The budget ran out and the caller had not cancelled.</summary>
    public bool TimedOut => timeout.IsCancellationRequested && !caller.IsCancellationRequested;

    public void Restart() => timeout.CancelAfter(Budget);

    public DockerTimeoutException TimeoutException() => new(Operation, Budget, Subject, inactivity);

    public void Dispose()
    {
        linked.Dispose();
        timeout.Dispose();
    }
}
