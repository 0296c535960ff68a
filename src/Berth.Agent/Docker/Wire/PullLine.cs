using System.Text.Json.Serialization;

namespace Berth.Agent.Docker.Wire;

/// <summary>One JSON line of the POST /images/create stream. A line with <c>error</c>/<c>errorDetail</c> ends the pull
/// as a failure even though the HTTP status was 200.</summary>
internal sealed record PullLine
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("progressDetail")]
    public PullProgressDetail? ProgressDetail { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("errorDetail")]
    public PullErrorDetail? ErrorDetail { get; init; }

    public sealed record PullProgressDetail
    {
        [JsonPropertyName("current")]
        public long? Current { get; init; }

        [JsonPropertyName("total")]
        public long? Total { get; init; }
    }

    public sealed record PullErrorDetail
    {
        [JsonPropertyName("code")]
        public int? Code { get; init; }

        [JsonPropertyName("message")]
        public string? Message { get; init; }
    }
}
