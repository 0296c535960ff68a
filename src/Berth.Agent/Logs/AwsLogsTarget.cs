using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Berth.AgentProtocol;

namespace Berth.Agent.Logs;

/// <summary>Where and how one container's output is shipped. The translator records a container's awslogs options as Docker
/// labels (<see cref="LabelPrefix"/> + option name, and the resolved stream name), so the shipper finds its targets by listing
/// containers, before and after an agent restart alike.</summary>
public sealed record AwsLogsTarget
{
    public const string LabelPrefix = "berth.awslogs.";

    /// <summary>The label every shipped container carries (its group).</summary>
    public const string GroupLabel = LabelPrefix + AwsLogsOptions.Group;

    /// <summary>The resolved stream name; absent when there is no prefix (the stream is then the container id).</summary>
    public const string StreamLabel = LabelPrefix + "stream";

    public required string Group { get; init; }

    public required string Region { get; init; }

    public required string Stream { get; init; }

    public bool CreateGroup { get; init; }

    /// <summary>Where an event starts (multiline pattern or datetime format); null = every line is an event.</summary>
    public Regex? EventStart { get; init; }

    public bool NonBlocking { get; init; }

    public long MaxBufferSize { get; init; } = AwsLogsOptions.DefaultMaxBufferSize;

    /// <summary>The labels that carry <paramref name="options"/> for container <paramref name="containerName"/> of task
    /// <paramref name="taskArn"/>: stream <c>prefix/container-name/task-id</c> as ECS names it.</summary>
    public static ImmutableDictionary<string, string> Labels(IReadOnlyDictionary<string, string> options, string containerName, string taskArn)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(taskArn);
        var labels = options.ToImmutableDictionary(o => LabelPrefix + o.Key, o => o.Value, StringComparer.Ordinal);
        return options.TryGetValue(AwsLogsOptions.StreamPrefix, out var prefix) && prefix.Length > 0
            ? labels.SetItem(StreamLabel, $"{prefix}/{containerName}/{taskArn[(taskArn.LastIndexOf('/') + 1)..]}")
            : labels;
    }

    /// <summary>The target of a container carrying these labels; null when it is not shipped.</summary>
    public static AwsLogsTarget? FromLabels(IReadOnlyDictionary<string, string> labels, string containerId)
    {
        ArgumentNullException.ThrowIfNull(labels);
        string? Option(string name) => labels.GetValueOrDefault(LabelPrefix + name);
        if (Option(AwsLogsOptions.Group) is not { Length: > 0 } group || Option(AwsLogsOptions.Region) is not { Length: > 0 } region)
        {
            return null;
        }

        var start = Option(AwsLogsOptions.MultilinePattern) ?? (Option(AwsLogsOptions.DatetimeFormat) is { } format ? StrftimeRegex.Convert(format) : null);
        return new AwsLogsTarget
        {
            Group = group,
            Region = region,
            Stream = labels.GetValueOrDefault(StreamLabel) ?? containerId,
            CreateGroup = Option(AwsLogsOptions.CreateGroup) == "true",
            EventStart = start is null ? null : new Regex(start, RegexOptions.None, TimeSpan.FromSeconds(1)),
            NonBlocking = Option(AwsLogsOptions.Mode) == AwsLogsOptions.NonBlocking,
            MaxBufferSize = AwsLogsOptions.ParseSize(Option(AwsLogsOptions.MaxBufferSize)) ?? AwsLogsOptions.DefaultMaxBufferSize,
        };
    }
}
