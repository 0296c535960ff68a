using Berth.Aws.Generated.Ecr;

namespace Berth.ControlPlane.Ecr;

/// <summary>A repository as stored: its wire shape and its tags (which the wire shape does not carry).</summary>
public sealed record StoredRepository
{
    public required Repository Repository { get; init; }

    public List<Tag> Tags { get; init; } = [];
}
