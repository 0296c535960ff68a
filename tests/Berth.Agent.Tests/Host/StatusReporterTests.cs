using System.Net;
using Berth.Agent.Host;
using Berth.Agent.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using TimerClock = Berth.ControlPlane.Tests.ManualTimeProvider;

namespace Berth.Agent.Tests.Host;

/// <summary>Reports reach the control plane in order, survive transient failures, and a refused one does not block the rest.</summary>
public sealed class StatusReporterTests
{
    private int failures = 1;

    private const string Arn = "arn:aws:ecs:us-east-1:000000000000:task/default/t1";
    private const string SubmitTask = "AmazonEC2ContainerServiceV20141113.SubmitTaskStateChange";
    private const string SubmitContainer = "AmazonEC2ContainerServiceV20141113.SubmitContainerStateChange";
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task ReportsAreDeliveredInOrderWithTheirFields()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.OK, "{}"));
        var (reporter, clock) = Reporter(handler);
        await reporter.ReportContainerStatusAsync(
            new ContainerStatusReport
            {
                TaskArn = Arn, Cluster = "default", Sequence = 1, ContainerName = "web", RuntimeId = "abc", Status = "RUNNING", HealthStatus = "UNKNOWN",
                NetworkBindings = [new NetworkBinding("0.0.0.0", 80, 32768, "tcp")],
            },
            CancellationToken.None);
        await reporter.ReportTaskStatusAsync(
            Task("STOPPED") with { StoppedReason = "Essential container exited", PullStartedAt = Start, ExecutionStoppedAt = Start.AddMinutes(1) },
            CancellationToken.None);

        await DeliverAsync(reporter, handler, clock, calls: 2);

        Assert.Equal([SubmitContainer, SubmitTask], handler.Calls.Select(c => c.Target));
        Assert.Contains("\"networkBindings\":[{", handler.Calls[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"hostPort\":32768", handler.Calls[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"runtimeId\":\"abc\"", handler.Calls[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"Essential container exited\"", handler.Calls[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"STOPPED\"", handler.Calls[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"pullStartedAt\":", handler.Calls[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"executionStoppedAt\":", handler.Calls[1].Body, StringComparison.Ordinal);
        Assert.All(handler.Calls, c => Assert.Contains("Credential=AKIDINSTANCE/", c.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrorIsRetriedUntilDelivered()
    {
        var handler = new ScriptedHandler(call => call.Body.Contains("RUNNING", StringComparison.Ordinal) && failures-- > 0
            ? ScriptedHandler.Error(HttpStatusCode.InternalServerError, "ServerException")
            : ScriptedHandler.Json(HttpStatusCode.OK, "{}"));
        var (reporter, clock) = Reporter(handler);
        await reporter.ReportTaskStatusAsync(Task("RUNNING"), CancellationToken.None);
        await reporter.ReportTaskStatusAsync(Task("STOPPED"), CancellationToken.None);

        await DeliverAsync(reporter, handler, clock, calls: 3);

        Assert.Equal(["RUNNING", "RUNNING", "STOPPED"], handler.Calls.Select(c => c.Body.Contains("RUNNING", StringComparison.Ordinal) ? "RUNNING" : "STOPPED"));
    }

    [Fact]
    public async Task PermanentRefusalIsDroppedAndTheNextReportStillGoes()
    {
        var handler = new ScriptedHandler(call => call.Body.Contains("RUNNING", StringComparison.Ordinal)
            ? ScriptedHandler.Error(HttpStatusCode.BadRequest, "InvalidParameterException")
            : ScriptedHandler.Json(HttpStatusCode.OK, "{}"));
        var (reporter, clock) = Reporter(handler);
        await reporter.ReportTaskStatusAsync(Task("RUNNING"), CancellationToken.None);
        await reporter.ReportTaskStatusAsync(Task("STOPPED"), CancellationToken.None);

        await DeliverAsync(reporter, handler, clock, calls: 2);

        Assert.Contains("STOPPED", handler.Calls[1].Body, StringComparison.Ordinal);
    }

    private static TaskStatusReport Task(string status) =>
        new() { TaskArn = Arn, Cluster = "default", Sequence = 1, Status = status, DesiredStatus = "RUNNING", HealthStatus = "UNKNOWN" };

    private static (StatusReporter Reporter, TimerClock Clock) Reporter(ScriptedHandler handler)
    {
        var clock = new TimerClock(Start);
        var options = Fixtures.Options();
        var api = new EcsApiClient(new HttpClient(handler), options.Endpoint, options.Region, clock);
        return (new StatusReporter(api, options, clock, NullLogger.Instance) { Key = new AccessKey("AKIDINSTANCE", "s") }, clock);
    }

    /// <summary>Runs the reporter until the handler saw <paramref name="calls"/> requests, moving the fake clock past each retry delay.</summary>
    private static async System.Threading.Tasks.Task DeliverAsync(StatusReporter reporter, ScriptedHandler handler, TimerClock clock, int calls)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = reporter.RunAsync(stop.Token);
        while (handler.Calls.Count < calls)
        {
            stop.Token.ThrowIfCancellationRequested();
            clock.Advance(TimeSpan.FromSeconds(1));
            await System.Threading.Tasks.Task.Yield();
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(calls, handler.Calls.Count);
    }
}
