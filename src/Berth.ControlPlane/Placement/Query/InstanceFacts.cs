using System.Globalization;
using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Placement.Query;

/// <summary>The immutable view of one container instance a query is evaluated against: the instance as stored and the
/// task groups of its tasks that have not stopped (for <c>task:group</c>).</summary>
public sealed record InstanceFacts(ContainerInstance Instance, IReadOnlySet<string> TaskGroups)
{
    private static readonly string[] None = [];

    /// <summary>The instance's attributes by name (a value may be absent).</summary>
    public IReadOnlyDictionary<string, string?> Attributes { get; } = new AttributesByName(Instance.Attributes ?? []);

    /// <summary>Whether the subject is present on the instance and its values as text; an attribute without a value is
    /// present with none, and task:group has one value per group.</summary>
    public (bool Present, IReadOnlyList<string> Values) Values(QuerySubject subject) => subject.Kind switch
    {
        QuerySubjectKind.AgentConnected => One((Instance.AgentConnected ?? false) ? "true" : "false"),
        QuerySubjectKind.AgentVersion => One(Instance.VersionInfo?.AgentVersion),
        QuerySubjectKind.Ec2InstanceId => One(Instance.Ec2InstanceId),
        QuerySubjectKind.RegisteredAt => One(Instance.RegisteredAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        QuerySubjectKind.RunningTasksCount => One((Instance.RunningTasksCount ?? 0).ToString(CultureInfo.InvariantCulture)),
        QuerySubjectKind.TaskGroup => (TaskGroups.Count > 0, TaskGroups.ToArray()),
        _ => Attribute(subject.AttributeName!),
    };

    private (bool, IReadOnlyList<string>) Attribute(string name) =>
        Attributes.TryGetValue(name, out var value) ? (true, value is null ? None : [value]) : (false, None);

    private static (bool, IReadOnlyList<string>) One(string? value) => value is null ? (false, None) : (true, [value]);
}
