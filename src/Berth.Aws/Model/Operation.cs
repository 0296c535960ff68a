namespace Berth.Aws.Model;

/// <summary>An operation of a service model: its input and output shapes and the errors it may answer with.</summary>
public sealed record Operation(string Name, Shape? Input, Shape? Output, IReadOnlyList<string> Errors, string HttpMethod, string RequestUri)
{
    /// <summary>The awsQuery element that wraps the output (<c>CreateLoadBalancerResult</c>); null for other protocols.</summary>
    public string? ResultWrapper { get; init; }
}
