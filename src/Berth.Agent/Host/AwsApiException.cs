namespace Berth.Agent.Host;

/// <summary>The control plane answered an error (any of its APIs): its AWS error code and HTTP status.</summary>
public sealed class AwsApiException(int status, string code, string message) : Exception($"{code}: {message}")
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>A client error that retrying the same request cannot fix (throttling aside).</summary>
    public bool IsPermanent => Status is >= 400 and < 500 && Code is not ("ThrottlingException" or "TooManyRequestsException");
}
