using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Logs;

/// <summary>The Logs documents in the store: groups keyed by name, streams keyed by <see cref="StreamKey"/>.</summary>
public sealed class LogsStore(IStore store)
{
    public IStore Store => store;

    public DocumentCollection<StoredLogGroup> Groups { get; } = new(store, "logs.group", LogsStoredJsonContext.Default.StoredLogGroup);

    public DocumentCollection<StoredLogStream> Streams { get; } = new(store, "logs.stream", LogsStoredJsonContext.Default.StoredLogStream);

    /// <summary>':' never occurs in a group name, so one group's streams list together, in stream-name order.</summary>
    public static string StreamKey(string group, string stream) => $"{group}:{stream}";

    public static string StreamPrefix(string group) => group + ":";
}
