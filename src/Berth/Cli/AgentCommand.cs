using System.Runtime.InteropServices;
using Berth.Agent.Docker;
using Berth.Agent.Host;
using Berth.Agent.Tasks;
using Microsoft.Extensions.Logging;

namespace Berth.Cli;

/// <summary><c>berth agent</c>: joins this host to a cluster of a running control plane and runs its tasks until SIGINT or
/// SIGTERM (which leave the tasks running; the next start re-attaches).</summary>
public static class AgentCommand
{
    public static readonly string[] Options = ["cluster", "endpoint", "data-dir", "availability-zone", "instance-type", "cpu", "memory", CleanupWaitOption, PullBehaviorOption];

    /// <summary>How long stopped tasks' containers are kept before removal (ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION).</summary>
    public const string CleanupWaitOption = "cleanup-wait-seconds";

    /// <summary>When images are pulled (ECS_IMAGE_PULL_BEHAVIOR's values).</summary>
    public const string PullBehaviorOption = "image-pull-behavior";

    public static async Task<int> RunAsync(CommandLine line)
    {
        var options = Parse(line, Environment.GetEnvironmentVariable);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));
        using var docker = new DockerClient(new DockerClientOptions());
        using var http = new HttpClient();
        try
        {
            await new AgentHost(options, docker, docker, TimeProvider.System, http, loggers).RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (AwsApiException e)
        {
            await Console.Error.WriteLineAsync($"berth agent: the control plane refused this agent: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>The agent's options from the command line and the standard AWS environment variables (as <c>berth env</c> sets them).</summary>
    public static AgentOptions Parse(CommandLine line, Func<string, string?> environment)
    {
        var cluster = line.Value("cluster") ?? throw new UsageException("agent needs --cluster NAME");
        var endpoint = line.Url("endpoint") ?? throw new UsageException("agent needs --endpoint URL (the control plane, e.g. http://127.0.0.1:9400)");
        return new AgentOptions
        {
            Cluster = cluster,
            Endpoint = endpoint,
            DataDir = Path.GetFullPath(line.Value("data-dir") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".berth-agent", cluster)),
            Region = EnvironmentExports.RegionIn(environment),
            AdminKey = EnvironmentExports.KeyIn(environment, "agent"),
            AvailabilityZone = line.Value("availability-zone"),
            InstanceType = line.Value("instance-type"),
            Cpu = line.Has("cpu") ? line.Int("cpu", 0) : null,
            Memory = line.Has("memory") ? line.Int("memory", 0) : null,
            Tasks = TaskOptions(line),
        };
    }

    /// <summary>The task settings both <c>agent</c> and <c>up</c>'s local agent take from the command line.</summary>
    public static TaskActorOptions TaskOptions(CommandLine line)
    {
        var defaults = new TaskActorOptions();
        return defaults with
        {
            CleanupWait = TimeSpan.FromSeconds(line.Int(CleanupWaitOption, (int)defaults.CleanupWait.TotalSeconds)),
            PullBehavior = line.Value(PullBehaviorOption) is not { } named ? defaults.PullBehavior
                : ImagePullBehaviorNames.All.TryGetValue(named, out var behavior) ? behavior
                : throw new UsageException($"--{PullBehaviorOption} is one of {string.Join(", ", ImagePullBehaviorNames.All.Keys)}"),
        };
    }

    /// <summary>Cancels <paramref name="stop"/> instead of ending the process, so the command can finish cleanly.</summary>
    public static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };
}
