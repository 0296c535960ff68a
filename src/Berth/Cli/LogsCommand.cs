using System.Text.Json;
using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Generated.Logs;

namespace Berth.Cli;

/// <summary><c>berth logs</c>: the awslogs output of a task, or of every task of a service, read through the public ECS and
/// Logs APIs (signed with the user's key) and printed oldest first; with <c>--follow</c> it keeps polling each stream.</summary>
public static class LogsCommand
{
    public const int Done = 0;
    public const int Failed = 2;

    /// <summary>Streams whose stream was not created yet (no line shipped) are read again at the next poll.</summary>
    private const string NotFound = "ResourceNotFoundException";

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How many polls pass between two looks for a service's new tasks while following.</summary>
    private const int PollsPerTaskLookup = 5;

    public static async Task<int> RunAsync(LogsOptions options, TimeProvider time, TextWriter output, bool colour, HttpClient http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ecs = new EcsApiClient(http, options.Endpoint, options.Region, time);
        var reader = new Reader(ecs, new LogsApiClient(ecs.Caller), options, time, new LogPrinter(output, colour));
        try
        {
            await reader.RunAsync(ct).ConfigureAwait(false);
            return Done;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Done;
        }
        catch (AwsApiException e)
        {
            return await FailAsync($"the control plane answered {e.Message}").ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return await FailAsync(e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return await FailAsync($"cannot reach the control plane at {options.Endpoint} ({e.Message}); is berth up running there?").ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return await FailAsync($"{options.Endpoint} did not answer as the ECS and Logs APIs do ({e.Message})").ConfigureAwait(false);
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"berth logs: {message}").ConfigureAwait(false);
        return Failed;
    }

    /// <summary>One run: finds the sources, reads each stream forward from the start time with GetLogEvents, prints the
    /// events of one round merged by time, and repeats while following.</summary>
    private sealed class Reader(EcsApiClient ecs, LogsApiClient logs, LogsOptions options, TimeProvider time, LogPrinter printer)
    {
        private readonly Dictionary<LogSource, string?> _tokens = [];
        private readonly Dictionary<string, TaskDefinition> _definitions = new(StringComparer.Ordinal);

        public async System.Threading.Tasks.Task RunAsync(CancellationToken ct)
        {
            var start = options.Since is { } since ? time.GetUtcNow() - since : (DateTimeOffset?)null;
            for (var round = 0; ; round++)
            {
                if (round % PollsPerTaskLookup == 0)
                {
                    foreach (var source in await SourcesAsync(ct).ConfigureAwait(false))
                    {
                        _tokens.TryAdd(source, null);
                    }
                }

                var events = new List<(LogSource Source, OutputLogEvent Event)>();
                foreach (var source in _tokens.Keys.ToList())
                {
                    events.AddRange((await ReadAsync(source, start, ct).ConfigureAwait(false)).Select(e => (source, e)));
                }

                foreach (var (source, logEvent) in events.OrderBy(e => e.Event.Timestamp ?? 0))
                {
                    printer.Write(source, logEvent.Message ?? string.Empty);
                }

                if (!options.Follow)
                {
                    return;
                }

                await System.Threading.Tasks.Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
            }
        }

        /// <summary>What is new in <paramref name="source"/>'s stream since the last read (every page).</summary>
        private async Task<List<OutputLogEvent>> ReadAsync(LogSource source, DateTimeOffset? start, CancellationToken ct)
        {
            var events = new List<OutputLogEvent>();
            while (true)
            {
                var token = _tokens[source];
                GetLogEventsResponse page;
                try
                {
                    page = await logs.GetLogEventsAsync(source.Region, new GetLogEventsRequest
                    {
                        LogGroupName = source.Group,
                        LogStreamName = source.Stream,
                        StartFromHead = true,
                        StartTime = token is null ? start?.ToUnixTimeMilliseconds() : null,
                        NextToken = token,
                    }, options.Key, ct).ConfigureAwait(false);
                }
                catch (AwsApiException e) when (e.Code == NotFound)
                {
                    return events;
                }

                events.AddRange(page.Events ?? []);
                _tokens[source] = page.NextForwardToken ?? token;
                if (page.Events is not { Count: > 0 } || page.NextForwardToken == token)
                {
                    return events;
                }
            }
        }

        /// <summary>The awslogs streams of the target: one task (by id or ARN), or the tasks of a service of that name.</summary>
        private async Task<List<LogSource>> SourcesAsync(CancellationToken ct)
        {
            var arns = IsTask(options.Target) ? [options.Target] : await ServiceTasksAsync(ct).ConfigureAwait(false);
            var sources = new List<LogSource>();
            foreach (var batch in arns.Chunk(100))
            {
                var described = await ecs.CallAsync("DescribeTasks", new DescribeTasksRequest { Cluster = options.Cluster, Tasks = [.. batch] },
                    EcsJsonContext.Default.DescribeTasksRequest, EcsJsonContext.Default.DescribeTasksResponse, options.Key, ct).ConfigureAwait(false);
                foreach (var task in described.Tasks ?? [])
                {
                    sources.AddRange(LogSource.Of(task, await DefinitionAsync(task.TaskDefinitionArn!, ct).ConfigureAwait(false)));
                }
            }

            return sources.Count == 0 && _tokens.Count == 0 && !options.Follow
                ? throw new UsageException($"no task or service {options.Target} with containers logging to awslogs in cluster {options.Cluster}")
                : sources;
        }

        /// <summary>A task ARN, or a task id (32 hex digits, as ECS makes them); anything else names a service.</summary>
        private static bool IsTask(string target) =>
            target.Contains(":task/", StringComparison.Ordinal) || (target.Length == 32 && target.All(char.IsAsciiHexDigit));

        /// <summary>The tasks (running and recently stopped) of the service named like the target; none when there is no such
        /// service.</summary>
        private async Task<List<string>> ServiceTasksAsync(CancellationToken ct)
        {
            var arns = new List<string>();
            foreach (var desired in new[] { DesiredStatus.Running, DesiredStatus.Stopped })
            {
                string? next = null;
                do
                {
                    ListTasksResponse page;
                    try
                    {
                        page = await ecs.CallAsync("ListTasks",
                            new ListTasksRequest { Cluster = options.Cluster, ServiceName = options.Target, DesiredStatus = desired, NextToken = next },
                            EcsJsonContext.Default.ListTasksRequest, EcsJsonContext.Default.ListTasksResponse, options.Key, ct).ConfigureAwait(false);
                    }
                    catch (AwsApiException e) when (e.Code == "ServiceNotFoundException")
                    {
                        return [];
                    }

                    arns.AddRange(page.TaskArns ?? []);
                    next = page.NextToken;
                }
                while (next is not null);
            }

            return arns;
        }

        private async Task<TaskDefinition> DefinitionAsync(string arn, CancellationToken ct)
        {
            if (!_definitions.TryGetValue(arn, out var definition))
            {
                var answer = await ecs.CallAsync("DescribeTaskDefinition", new DescribeTaskDefinitionRequest { TaskDefinition = arn },
                    EcsJsonContext.Default.DescribeTaskDefinitionRequest, EcsJsonContext.Default.DescribeTaskDefinitionResponse, options.Key, ct)
                    .ConfigureAwait(false);
                definition = answer.TaskDefinition ?? throw new AwsApiException(500, "ServerException", "DescribeTaskDefinition answered no task definition.");
                _definitions[arn] = definition;
            }

            return definition;
        }
    }
}
