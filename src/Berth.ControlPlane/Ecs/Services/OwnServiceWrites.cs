using System.Collections.Concurrent;
using Berth.State;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The service versions the scheduler wrote itself, so the change feed does not wake a service for its own write:
/// after a pass that could not place a task, recording the event must not start the same failing attempt again. Noted
/// before the commit (a put makes the version read + 1), so the feed can never see the change first.</summary>
public sealed class OwnServiceWrites
{
    private readonly ConcurrentDictionary<(string Partition, string Key), long> written = new();

    public void Expect(ServiceKey service, long versionRead) => written[(service.Partition, service.StoreKey)] = versionRead + 1;

    public bool IsOwn(Change change) => written.TryGetValue((change.Partition, change.Key), out var version) && version == change.Version;
}
