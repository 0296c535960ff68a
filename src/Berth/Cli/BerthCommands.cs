using System.Runtime.InteropServices;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Docs;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Identity;

namespace Berth.Cli;

/// <summary>The berth commands: up (control plane and local agent in the foreground), agent (another container instance),
/// place (a placement dry run), logs (a task's or service's awslogs output), env (credentials for the shell), compatibility, help.</summary>
public static class BerthCommands
{
    private const string Usage = """
        usage: berth <command> [options]

          up   [--port N] [--data-dir DIR] [--bind ADDRESS] [--account-id ID] [--accept-any-credentials]
               [--agent-heartbeat-seconds N] [--service-healthy-seconds N] [--no-agent] [--cleanup-wait-seconds N]
               [--image-pull-behavior prefer-cached|default|always] [--registry-host HOST:PORT]
               run the control plane in the foreground until Ctrl-C, with a local agent that joins this host to cluster
               "default" (unless --no-agent); agents' channels get a heartbeat every N seconds (30); a service task
               without health checks counts as healthy after N seconds RUNNING (40); the ECR registry (/v2/ on the same
               port) is named in repository URIs as HOST:PORT (127.0.0.1 and --port unless --bind names one address)
          agent --cluster NAME --endpoint URL [--data-dir DIR] [--availability-zone AZ] [--instance-type TYPE]
               [--cpu UNITS] [--memory MIB] [--cleanup-wait-seconds N] [--image-pull-behavior prefer-cached|default|always]
               join this host to a cluster as a container instance and run its tasks in Docker until Ctrl-C; uses the
               credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; --cpu/--memory declare a share of the host;
               stopped tasks' containers are removed after N seconds (10800); images on the host are used without a pull
               unless --image-pull-behavior says otherwise (ECS_IMAGE_PULL_BEHAVIOR's values)
          place --task-definition FAMILY[:REVISION] [--cluster NAME] [--count N] [--strategy TYPE[:FIELD]]...
               [--constraint distinctInstance|memberOf:EXPRESSION]... [--group GROUP] [--seed N] [--endpoint URL]
               show where RunTask would place N tasks (1) in the cluster ("default") and why each other instance would not
               take them, starting nothing; strategies: binpack:cpu|memory, spread:instanceId|attribute:NAME, random;
               the group is family:NAME unless given; the printed seed repeats a plan; the endpoint is AWS_ENDPOINT_URL
               or http://127.0.0.1:9400, signed with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; exit 0 when every task
               would be placed, 1 when some would not, 2 on a usage or API error
          logs SERVICE|TASK [--cluster NAME] [--follow] [--since DURATION] [--endpoint URL]
               print the awslogs output of a task (id or ARN) or of every task of a service, oldest first, as
               "task-id/container | message" (a colour per task on a terminal); --since 10m starts 10 minutes ago (30s, 2h,
               1d; default: everything); --follow keeps printing new lines until Ctrl-C; endpoint and key as for place
          env  [--port N] [--data-dir DIR]
               print export lines for AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL
          compatibility
               print docs/compatibility.md: every operation of every served API and whether it is implemented
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var line = CommandLine.Parse(args, new HashSet<string> { "accept-any-credentials", "no-agent" });
            switch (line.Command)
            {
                case "up":
                    line.Allow("port", "data-dir", "bind", "account-id", "accept-any-credentials", "agent-heartbeat-seconds", "service-healthy-seconds", "no-agent",
                        "registry-host", AgentCommand.CleanupWaitOption, AgentCommand.PullBehaviorOption);
                    return await UpCommand.RunAsync(Options(line), line.Has("no-agent") ? null : AgentCommand.TaskOptions(line)).ConfigureAwait(false);
                case "agent":
                    line.Allow(AgentCommand.Options);
                    return await AgentCommand.RunAsync(line).ConfigureAwait(false);
                case "place":
                    return await PlaceCommand.RunAsync(
                        PlaceOptions.Parse(line, Environment.GetEnvironmentVariable, Random.Shared.Next), TimeProvider.System, CancellationToken.None)
                        .ConfigureAwait(false);
                case "logs":
                    return await RunLogsAsync(LogsOptions.Parse(line, Environment.GetEnvironmentVariable)).ConfigureAwait(false);
                case "env":
                    line.Allow("port", "data-dir");
                    return Env(Options(line));
                case "compatibility":
                    line.Allow();
                    Console.Out.Write(await CompatibilityReport.RenderAsync().ConfigureAwait(false));
                    return 0;
                case "help" or "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    throw new UsageException($"unknown command '{line.Command}'");
            }
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"berth: {e.Message}\n\n{Usage}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Until Ctrl-C when following.</summary>
    private static async Task<int> RunLogsAsync(LogsOptions options)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, AgentCommand.Stop(stop));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await LogsCommand.RunAsync(options, TimeProvider.System, Console.Out, colour: !Console.IsOutputRedirected, http, stop.Token).ConfigureAwait(false);
    }

    private static ControlPlaneOptions Options(CommandLine line)
    {
        var accountId = line.Value("account-id");
        if (accountId is not null && (accountId.Length != 12 || !accountId.All(char.IsAsciiDigit)))
        {
            throw new UsageException("--account-id needs 12 digits");
        }

        var heartbeatSeconds = line.Int("agent-heartbeat-seconds", (int)AgentChannelOptions.DefaultHeartbeatInterval.TotalSeconds);
        var healthySeconds = line.Int("service-healthy-seconds", (int)SchedulerSettings.Default.UncheckedHealthyAfter.TotalSeconds);
        return new ControlPlaneOptions
        {
            Port = line.Port("port", ControlPlaneOptions.DefaultPort),
            DataDir = Path.GetFullPath(line.Value("data-dir") ?? ControlPlaneOptions.DefaultDataDir),
            BindAddress = line.Value("bind") ?? "127.0.0.1",
            AccountId = accountId,
            AcceptAnyCredentials = line.Has("accept-any-credentials"),
            AgentHeartbeatInterval = TimeSpan.FromSeconds(heartbeatSeconds),
            ServiceHealthyAfter = TimeSpan.FromSeconds(healthySeconds),
            RegistryHost = line.Value("registry-host"),
        };
    }

    /// <summary>Prints only export lines on stdout, so <c>eval "$(berth env)"</c> is safe.</summary>
    private static int Env(ControlPlaneOptions options)
    {
        var credentials = CredentialFile.LoadOrCreate(options.DataDir, options.AccountId);
        Console.Out.Write(EnvironmentExports.For(credentials, EndpointUrl(options)));
        return 0;
    }

    public static string EndpointUrl(ControlPlaneOptions options)
    {
        var host = options.BindAddress is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : options.BindAddress;
        return $"http://{host}:{options.Port}";
    }
}
