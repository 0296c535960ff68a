namespace Berth.ControlPlane.Ecr;

/// <summary>Which image a tag of a repository points at.</summary>
public sealed record StoredTag(string Digest);
