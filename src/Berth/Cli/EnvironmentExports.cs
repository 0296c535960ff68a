using Berth.Agent.Host;
using Berth.ControlPlane.Identity;

namespace Berth.Cli;

/// <summary>The shell lines that point the AWS CLI and SDKs at a Berth endpoint, and the reading of them back by berth's own
/// clients (<c>agent</c>, <c>place</c>).</summary>
public static class EnvironmentExports
{
    public const string Region = "us-east-1";
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretVariable = "AWS_SECRET_ACCESS_KEY";
    public const string EndpointVariable = "AWS_ENDPOINT_URL";

    public static string For(AccountCredentials credentials, string endpoint) =>
        $"""
        export {AccessKeyIdVariable}={credentials.AccessKeyId}
        export {SecretVariable}={credentials.SecretAccessKey}
        export AWS_DEFAULT_REGION={Region}
        export {EndpointVariable}={endpoint}

        """;

    /// <summary>The key the exports set; a usage error naming <paramref name="command"/> when they are not set.</summary>
    public static AccessKey KeyIn(Func<string, string?> environment, string command)
    {
        var keyId = environment(AccessKeyIdVariable);
        var secret = environment(SecretVariable);
        return string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(secret)
            ? throw new UsageException($"{command} needs {AccessKeyIdVariable} and {SecretVariable} (eval \"$(./berth env)\" sets them)")
            : new AccessKey(keyId, secret);
    }

    /// <summary>The region as the AWS SDKs read it (AWS_REGION first), else the one the exports set.</summary>
    public static string RegionIn(Func<string, string?> environment) =>
        environment("AWS_REGION") is { Length: > 0 } region ? region : environment("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback : Region;
}
