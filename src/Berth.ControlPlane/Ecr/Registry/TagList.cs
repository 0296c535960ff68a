namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>The body of <c>GET /v2/&lt;name&gt;/tags/list</c>.</summary>
public sealed record TagList(string Name, List<string> Tags);
