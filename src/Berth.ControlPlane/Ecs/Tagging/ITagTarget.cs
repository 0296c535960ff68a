using Berth.Aws.Generated.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Tagging;

/// <summary>One kind of taggable ECS resource (the ARN resource type it answers for), so tagging works the same for all.</summary>
public interface ITagTarget
{
    /// <summary>The ARN resource type, e.g. <c>cluster</c> or <c>task-definition</c>.</summary>
    string ResourceType { get; }

    /// <summary>The resource's tags; throws the resource's not-found error when it does not exist.</summary>
    ValueTask<List<Tag>> GetTagsAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken);

    /// <summary>Applies a change to the resource's tags durably, retrying on concurrent writes.</summary>
    ValueTask UpdateTagsAsync(ResourceScope scope, Arn arn, Func<List<Tag>?, List<Tag>> change, CancellationToken cancellationToken);
}
