using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Logs;

/// <summary>Finds the group (and stream) a request names, or answers ResourceNotFoundException as AWS does.</summary>
public sealed class LogGroupResolver(LogsStore store)
{
    public async ValueTask<Versioned<StoredLogGroup>> GroupAsync(ResourceScope scope, string name, CancellationToken ct) =>
        await store.Groups.GetAsync(scope.Partition, name, ct).ConfigureAwait(false) ?? throw LogsErrors.GroupNotFound();

    /// <summary>The stream, after checking its group exists (a missing group is reported as such, not as a missing stream).</summary>
    public async ValueTask<Versioned<StoredLogStream>> StreamAsync(ResourceScope scope, string group, string stream, CancellationToken ct)
    {
        await GroupAsync(scope, group, ct).ConfigureAwait(false);
        return await store.Streams.GetAsync(scope.Partition, LogsStore.StreamKey(group, stream), ct).ConfigureAwait(false)
            ?? throw LogsErrors.StreamNotFound();
    }

    /// <summary>The group name from logGroupName or logGroupIdentifier (a name or a log-group ARN): exactly one must be given.</summary>
    public static string NameOf(ResourceScope scope, string? name, string? identifier) => (name, identifier) switch
    {
        ({ }, { }) => throw LogsErrors.NameAndIdentifier(),
        ({ } given, null) => given,
        (null, { } id) when id.StartsWith("arn:", StringComparison.Ordinal) => LogArns.GroupName(scope, id) ?? throw LogsErrors.GroupNotFound(),
        (null, { } id) => id,
        _ => throw LogsErrors.NoGroupGiven(),
    };
}
