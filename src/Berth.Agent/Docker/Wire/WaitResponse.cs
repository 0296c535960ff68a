namespace Berth.Agent.Docker.Wire;

/// <summary>POST /containers/{id}/wait: <c>{"Error": null, "StatusCode": 137}</c>.</summary>
internal sealed record WaitResponse
{
    public long StatusCode { get; init; }
    public WaitError? Error { get; init; }

    public sealed record WaitError
    {
        public string? Message { get; init; }
    }
}
