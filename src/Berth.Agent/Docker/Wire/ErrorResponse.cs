namespace Berth.Agent.Docker.Wire;

/// <summary>The body of every 4xx/5xx answer: <c>{"message": "..."}</c>.</summary>
internal sealed record ErrorResponse
{
    public string? Message { get; init; }
}
