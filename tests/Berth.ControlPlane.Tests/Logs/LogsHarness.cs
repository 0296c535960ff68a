using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Logs;
using Berth.Aws.Model;
using Berth.ControlPlane.Logs;
using Berth.ControlPlane.Logs.Events;
using Berth.ControlPlane.Logs.Groups;
using Berth.ControlPlane.Logs.Retention;
using Berth.ControlPlane.Logs.Storage;
using Berth.ControlPlane.Logs.Streams;
using Berth.ControlPlane.Logs.Tagging;
using Berth.State;
using Berth.State.Sqlite;

namespace Berth.ControlPlane.Tests.Logs;

/// <summary>The Logs handlers wired as AddLogs wires them, over a temporary document store and events database, with a
/// hand-set clock.</summary>
public sealed class LogsHarness : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly string eventsPath = Path.Combine(Path.GetTempPath(), $"berth-logs-{Guid.NewGuid():N}.db");

    private LogsHarness(IStore store)
    {
        Store = new LogsStore(store);
        Events = SqliteLogEventStore.Open(eventsPath);
        var resolver = new LogGroupResolver(Store);
        Groups = new LogGroupHandlers(Store, Events, resolver, Time);
        Streams = new LogStreamHandlers(Store, Events, resolver, Time);
        EventHandlers = new LogEventHandlers(Events, resolver, Time);
        Filter = new FilterLogEventsHandler(Events, resolver);
        Tags = new LogTagHandlers(Store, resolver);
        Retention = new LogRetentionSweeper(Store, Events, Time);
    }

    public FixedTimeProvider Time { get; } = new(Start);

    public LogsStore Store { get; }

    public SqliteLogEventStore Events { get; }

    public LogGroupHandlers Groups { get; }

    public LogStreamHandlers Streams { get; }

    public LogEventHandlers EventHandlers { get; }

    public FilterLogEventsHandler Filter { get; }

    public LogTagHandlers Tags { get; }

    public LogRetentionSweeper Retention { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public static async Task<LogsHarness> OpenAsync() => new(await SqliteStore.OpenTemporaryAsync());

    public RequestContext Caller() => new()
    {
        Principal = new AuthenticatedPrincipal(new Credential("AKIDTEST", "secret", Account, $"arn:aws:iam::{Account}:user/alice"), Region, "logs", Time.GetUtcNow()),
        Operation = new Operation("Test", null, null, [], "POST", "/"),
        RequestId = Guid.NewGuid().ToString(),
    };

    public async Task CreateStreamAsync(string group, string stream)
    {
        if (await Store.Groups.GetAsync($"{Account}/{Region}", group, CancellationToken.None) is null)
        {
            await Groups.CreateLogGroup(Caller(), new CreateLogGroupRequest { LogGroupName = group }, CancellationToken.None);
        }

        await Streams.CreateLogStream(Caller(), new CreateLogStreamRequest { LogGroupName = group, LogStreamName = stream }, CancellationToken.None);
    }

    /// <summary>Puts messages stamped one millisecond apart from <paramref name="first"/>.</summary>
    public ValueTask<PutLogEventsResponse> PutAsync(string group, string stream, long first, params string[] messages) =>
        EventHandlers.PutLogEvents(
            Caller(),
            new PutLogEventsRequest
            {
                LogGroupName = group,
                LogStreamName = stream,
                LogEvents = messages.Select((m, i) => new InputLogEvent { Timestamp = first + i, Message = m }).ToList(),
            },
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Events.Dispose();
        await Store.Store.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(eventsPath + suffix);
        }
    }
}
