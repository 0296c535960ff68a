using Berth.Agent.Docker;
using Berth.Agent.Host;
using Microsoft.Extensions.Logging;

namespace Berth.Agent.Logs;

/// <summary>Ships one container's stdout and stderr to its awslogs stream until its log ends (the container stopped) or the
/// agent stops: lines are read from Docker (with their engine timestamps) into a <see cref="LineBuffer"/>, grouped into
/// events, batched and sent with PutLogEvents at least every flush interval.</summary>
/// <remarks>Exactly once across restarts of the agent and of the control plane: before a batch is sent it is recorded as
/// pending in the <see cref="ShippingStateFile"/>; once accepted the shipped position moves to its end. A batch whose outcome is
/// unknown (no answer, a 5xx, an agent crash while it was in flight) is looked for at the end of its stream before it is sent
/// again: the stream has a single writer, so if its last events are the batch, the batch was accepted. A refusal (4xx) means
/// not accepted; every failure is retried with backoff, never skipped. Reading resumes from the shipped position with
/// Docker's inclusive <c>since</c>, skipping the lines at that timestamp already shipped.</remarks>
public sealed partial class ContainerLogShipper(
    string containerId, AwsLogsTarget target, IDockerMonitoring docker, ILogEventsSink sink, ShippingStateFile states,
    TimeProvider time, LogShipperOptions options, ILogger logger)
{
    private LogCursor? _shipped;
    private bool _streamReady;

    public async Task RunAsync(CancellationToken ct)
    {
        _shipped = await SettlePendingAsync(states.Load(containerId), ct).ConfigureAwait(false);
        var buffer = new LineBuffer(target.NonBlocking ? target.MaxBufferSize : options.BlockingBufferSize, target.NonBlocking);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = ReadAsync(_shipped, buffer, reading.Token);
        try
        {
            await SendAsync(buffer, ct).ConfigureAwait(false);
        }
        finally
        {
            await reading.CancelAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (buffer.Dropped > 0)
            {
                LogDropped(logger, containerId, buffer.Dropped, target.MaxBufferSize);
            }
        }
    }

    /// <summary>Follows the log from <paramref name="from"/> into the buffer, reopening it after a failure, until it ends.</summary>
    private async Task ReadAsync(LogCursor? from, LineBuffer buffer, CancellationToken ct)
    {
        var position = from;
        var delay = options.MinRetryDelay;
        while (true)
        {
            var resume = position;
            var atResume = 0;
            try
            {
                var query = new LogsQuery { Follow = true, Timestamps = true, Since = resume?.Timestamp };
                await foreach (var entry in docker.ReadLogsAsync(containerId, query, ct).ConfigureAwait(false))
                {
                    var timestamp = entry.Timestamp ?? time.GetUtcNow();
                    if (resume is not null && timestamp <= resume.Timestamp
                        && (timestamp < resume.Timestamp || ++atResume <= resume.Count))
                    {
                        continue; // Shipped before.
                    }

                    position = position?.Next(timestamp) ?? new LogCursor(timestamp, 1);
                    await buffer.WriteAsync(new LogLine(entry.Text, timestamp, position), ct).ConfigureAwait(false);
                    delay = options.MinRetryDelay;
                }

                buffer.Complete();
                return;
            }
            catch (DockerNotFoundException)
            {
                buffer.Complete();
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogReadFailed(logger, containerId, e.Message, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }
    }

    /// <summary>Takes lines as they come, sends full batches at once and the rest every flush interval; a pending multi-line
    /// event is sent once a whole interval passed without a line.</summary>
    private async Task SendAsync(LineBuffer buffer, CancellationToken ct)
    {
        var assembler = new EventAssembler(target.EventStart);
        var batch = new LogBatch();
        var deadline = time.GetUtcNow() + options.FlushInterval;
        var linesThisInterval = false;
        while (true)
        {
            await WaitAsync(buffer, deadline, ct).ConfigureAwait(false);
            while (buffer.TryTake(out var line))
            {
                linesThisInterval = true;
                batch = await AddAsync(batch, assembler.Add(line), ct).ConfigureAwait(false);
            }

            var finished = buffer.IsFinished;
            if (!finished && time.GetUtcNow() < deadline)
            {
                continue;
            }

            if (finished || !linesThisInterval)
            {
                batch = await AddAsync(batch, assembler.Flush(), ct).ConfigureAwait(false);
            }

            if (!batch.IsEmpty)
            {
                await DeliverAsync(batch, ct).ConfigureAwait(false);
                batch = new LogBatch();
            }

            if (finished)
            {
                return;
            }

            deadline = time.GetUtcNow() + options.FlushInterval;
            linesThisInterval = false;
        }
    }

    /// <summary>Until a line can be taken, the buffer is finished, or the deadline.</summary>
    private async Task WaitAsync(LineBuffer buffer, DateTimeOffset deadline, CancellationToken ct)
    {
        var wait = deadline - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(buffer.WaitToReadAsync(waiting.Token), Task.Delay(wait, time, waiting.Token)).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>The batch with <paramref name="logEvent"/> in it, after sending the batch first when it has no room.</summary>
    private async Task<LogBatch> AddAsync(LogBatch batch, LogEvent? logEvent, CancellationToken ct)
    {
        if (logEvent is null)
        {
            return batch;
        }

        if (!batch.TryAdd(logEvent))
        {
            await DeliverAsync(batch, ct).ConfigureAwait(false);
            batch = new LogBatch();
            batch.TryAdd(logEvent);
        }

        if (batch.IsFull)
        {
            await DeliverAsync(batch, ct).ConfigureAwait(false);
            batch = new LogBatch();
        }

        return batch;
    }

    /// <summary>Records the batch as pending, sends it until it is known accepted, then records its end as shipped.</summary>
    private async Task DeliverAsync(LogBatch batch, CancellationToken ct)
    {
        // PutLogEvents wants a batch in time order; Docker's stdout and stderr copiers can stamp a hair out of order.
        var events = batch.Events.OrderBy(e => e.Timestamp.ToUnixTimeMilliseconds()).ToList();
        var pending = new PendingBatch(batch.End!, events.Count, BatchDigest.Of(events.Select(e => (e.Timestamp, e.Message))));
        states.Save(containerId, new ShippingState(_shipped, pending));
        var uncertain = false;
        var delay = options.MinRetryDelay;
        while (true)
        {
            try
            {
                if (uncertain && await IsAtTailAsync(pending, ct).ConfigureAwait(false))
                {
                    break;
                }

                await EnsureStreamAsync(ct).ConfigureAwait(false);
                await sink.PutAsync(target.Region, target.Group, target.Stream, events, ct).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A refusal means the batch was not taken; anything else (no answer, a server error) leaves it unknown.
                uncertain = e is not AwsApiException { IsPermanent: true };
                _streamReady &= e is not AwsApiException { Code: "ResourceNotFoundException" };
                LogSendFailed(logger, containerId, target.Group, target.Stream, e.Message, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }

        _shipped = pending.End;
        states.Save(containerId, new ShippingState(_shipped, null));
    }

    /// <summary>Where a previous run left off: its pending batch counts as shipped when it is at the end of the stream.</summary>
    private async Task<LogCursor?> SettlePendingAsync(ShippingState state, CancellationToken ct)
    {
        if (state.Pending is not { } pending)
        {
            return state.Shipped;
        }

        var delay = options.MinRetryDelay;
        while (true)
        {
            try
            {
                var shipped = await IsAtTailAsync(pending, ct).ConfigureAwait(false) ? pending.End : state.Shipped;
                states.Save(containerId, new ShippingState(shipped, null));
                return shipped;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogSendFailed(logger, containerId, target.Group, target.Stream, e.Message, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }
    }

    private async Task<bool> IsAtTailAsync(PendingBatch pending, CancellationToken ct)
    {
        var tail = await sink.TailAsync(target.Region, target.Group, target.Stream, pending.Count, ct).ConfigureAwait(false);
        return tail.Count == pending.Count && BatchDigest.Of(tail) == pending.Digest;
    }

    /// <summary>The group (with awslogs-create-group) and the stream, on first use; both may exist already.</summary>
    private async Task EnsureStreamAsync(CancellationToken ct)
    {
        if (_streamReady)
        {
            return;
        }

        if (target.CreateGroup)
        {
            await sink.CreateGroupAsync(target.Region, target.Group, ct).ConfigureAwait(false);
        }

        await sink.CreateStreamAsync(target.Region, target.Group, target.Stream, ct).ConfigureAwait(false);
        _streamReady = true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Lines} lines of container {ContainerId} (mode non-blocking, max-buffer-size {Bytes} bytes)")]
    private static partial void LogDropped(ILogger logger, string containerId, long lines, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the log of container {ContainerId} failed: {Reason}; retrying in {Seconds} s")]
    private static partial void LogReadFailed(ILogger logger, string containerId, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping the log of container {ContainerId} to {Group}/{Stream} failed: {Reason}; retrying in {Seconds} s")]
    private static partial void LogSendFailed(ILogger logger, string containerId, string group, string stream, string reason, double seconds);
}
