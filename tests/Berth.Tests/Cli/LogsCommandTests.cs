using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Agent.Host;
using Berth.Agent.Tests.Host;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Generated.Logs;
using Berth.Cli;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.Tests.Cli;

/// <summary><c>berth logs</c> over faked ECS and Logs APIs: the target's tasks, their awslogs streams as the agent names
/// them, every page, lines merged by time.</summary>
public sealed class LogsCommandTests
{
    private const string TaskId = "0123456789abcdef0123456789abcdef";
    private const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/default/" + TaskId;

    private static readonly TaskDefinition Definition = new()
    {
        TaskDefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1",
        ContainerDefinitions =
        [
            Container("app", new() { ["awslogs-group"] = "/ecs/web", ["awslogs-region"] = "eu-west-1", ["awslogs-stream-prefix"] = "web" }),
            Container("sidecar", new() { ["awslogs-group"] = "/ecs/web", ["awslogs-region"] = "eu-west-1" }),
            new ContainerDefinition { Name = "quiet", LogConfiguration = new LogConfiguration { LogDriver = "json-file" } },
        ],
    };

    private static ContainerDefinition Container(string name, Dictionary<string, string> options) =>
        new() { Name = name, LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = options } };

    [Fact]
    public void Sources_NameStreamsAsTheAgentDoes()
    {
        var task = new EcsTask { TaskArn = TaskArn, Containers = [new Aws.Generated.Ecs.Container { Name = "sidecar", RuntimeId = "beef01" }] };

        var sources = LogSource.Of(task, Definition).ToList();

        Assert.Equal(
            [new LogSource(TaskId, "app", "eu-west-1", "/ecs/web", $"web/app/{TaskId}"), new LogSource(TaskId, "sidecar", "eu-west-1", "/ecs/web", "beef01")],
            sources);
    }

    [Fact]
    public async System.Threading.Tasks.Task ATask_PrintsEveryPageOfEachStream_MergedByTime()
    {
        var pages = new Dictionary<(string Stream, string? Token), GetLogEventsResponse>
        {
            [($"web/app/{TaskId}", null)] = Page("f1", (1, "app one"), (4, "app two")),
            [($"web/app/{TaskId}", "f1")] = Page("f2", (5, "app three")),
            [($"web/app/{TaskId}", "f2")] = Page("f2"),
            [("beef01", null)] = Page("s1", (2, "side one")),
            [("beef01", "s1")] = Page("s1"),
        };
        var handler = new ScriptedHandler(call => call.Target switch
        {
            "AmazonEC2ContainerServiceV20141113.DescribeTasks" => Answer(new DescribeTasksResponse
            {
                Tasks = [new EcsTask { TaskArn = TaskArn, TaskDefinitionArn = Definition.TaskDefinitionArn, Containers = [new Aws.Generated.Ecs.Container { Name = "sidecar", RuntimeId = "beef01" }] }],
            }, EcsJsonContext.Default.DescribeTasksResponse),
            "AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition" => Answer(new DescribeTaskDefinitionResponse { TaskDefinition = Definition },
                EcsJsonContext.Default.DescribeTaskDefinitionResponse),
            "Logs_20140328.GetLogEvents" => Answer(pages[StreamAndToken(call)], LogsJsonContext.Default.GetLogEventsResponse),
            _ => ScriptedHandler.Error(HttpStatusCode.BadRequest, "InvalidAction"),
        });
        var output = new StringWriter();

        var exit = await Run(handler, TaskId, output);

        Assert.Equal(LogsCommand.Done, exit);
        Assert.Equal(
            [$"{TaskId}/app | app one", $"{TaskId}/sidecar | side one", $"{TaskId}/app | app two", $"{TaskId}/app | app three"],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var logsCall = handler.Calls.First(c => c.Target == "Logs_20140328.GetLogEvents");
        Assert.Contains("/eu-west-1/logs/aws4_request", logsCall.Authorization, StringComparison.Ordinal);
        Assert.DoesNotContain(handler.Calls, c => c.Target!.EndsWith(".ListTasks", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task AServiceWithoutAwslogsTasks_FailsWithAMessage()
    {
        var handler = new ScriptedHandler(call => call.Target switch
        {
            "AmazonEC2ContainerServiceV20141113.ListTasks" => Answer(new ListTasksResponse { TaskArns = [] }, EcsJsonContext.Default.ListTasksResponse),
            _ => ScriptedHandler.Error(HttpStatusCode.BadRequest, "InvalidAction"),
        });

        var exit = await Run(handler, "web", new StringWriter());

        Assert.Equal(LogsCommand.Failed, exit);
        Assert.Equal(2, handler.Calls.Count); // RUNNING and STOPPED tasks of service web.
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("45", 45)]
    public void Duration_ReadsAwsLogsTailStyle(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), LogsOptions.Duration(text));
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("10x")]
    [InlineData("")]
    public void Duration_RefusesAnythingElse(string text)
    {
        Assert.Throws<UsageException>(() => LogsOptions.Duration(text));
    }

    [Fact]
    public void Parse_TakesTheTargetAndOptions()
    {
        var line = CommandLine.Parse(["logs", "web", "--follow", "--since", "10m", "--cluster", "prod"], new HashSet<string> { "follow" });
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKID", ["AWS_SECRET_ACCESS_KEY"] = "s" };

        var options = LogsOptions.Parse(line, environment.GetValueOrDefault);

        Assert.Equal(("web", "prod", true, TimeSpan.FromMinutes(10)), (options.Target, options.Cluster, options.Follow, options.Since));
    }

    [Fact]
    public void Printer_GivesEachTaskItsOwnColour_OnlyOnATerminal()
    {
        var coloured = new StringWriter();
        var printer = new LogPrinter(coloured, colour: true);
        printer.Write(new LogSource("t1", "app", "r", "g", "s"), "a");
        printer.Write(new LogSource("t2", "app", "r", "g", "s"), "b");
        printer.Write(new LogSource("t1", "side", "r", "g", "s"), "c");
        var plain = new StringWriter();
        new LogPrinter(plain, colour: false).Write(new LogSource("t1", "app", "r", "g", "s"), "a");

        var lines = coloured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\u001b[36mt1/app\u001b[0m | a", lines[0]);
        Assert.Equal("\u001b[33mt2/app\u001b[0m | b", lines[1]);
        Assert.Equal("\u001b[36mt1/side\u001b[0m | c", lines[2]);
        Assert.Equal("t1/app | a" + Environment.NewLine, plain.ToString());
    }

    private static Task<int> Run(ScriptedHandler handler, string target, StringWriter output)
    {
        var options = new LogsOptions(new Uri("http://127.0.0.1:9400"), "us-east-1", new AccessKey("AKIDTEST", "secret"), "default", target, Follow: false, Since: null);
        return LogsCommand.RunAsync(options, TimeProvider.System, output, colour: false, new HttpClient(handler), CancellationToken.None);
    }

    private static (string, string?) StreamAndToken(ScriptedHandler.Call call)
    {
        var request = JsonSerializer.Deserialize(call.Body, LogsJsonContext.Default.GetLogEventsRequest)!;
        Assert.Equal("/ecs/web", request.LogGroupName);
        Assert.True(request.StartFromHead);
        return (request.LogStreamName!, request.NextToken);
    }

    private static GetLogEventsResponse Page(string forward, params (long Timestamp, string Message)[] events) => new()
    {
        Events = [.. events.Select(e => new OutputLogEvent { Timestamp = e.Timestamp, Message = e.Message })],
        NextForwardToken = forward,
    };

    private static HttpResponseMessage Answer<T>(T body, JsonTypeInfo<T> type) => ScriptedHandler.Json(HttpStatusCode.OK, JsonSerializer.Serialize(body, type));
}
