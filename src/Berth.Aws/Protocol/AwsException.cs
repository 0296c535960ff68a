namespace Berth.Aws.Protocol;

/// <summary>An error that reaches the client as an AWS-shaped error body; the only exception type handlers throw on purpose.</summary>
public class AwsException(string code, string message, int statusCode = 400) : Exception(message)
{
    /// <summary>The AWS error code (the exception shape name, e.g. <c>ClientException</c>).</summary>
    public string Code { get; } = code;

    /// <summary>HTTP status the error is answered with.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Members of the error shape beyond <c>message</c> (e.g. ConflictException's <c>resourceIds</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Extra { get; init; }
}
