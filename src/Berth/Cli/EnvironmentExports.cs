using Berth.ControlPlane.Identity;

namespace Berth.Cli;

/// <summary>The shell lines that point the AWS CLI and SDKs at a Berth endpoint.</summary>
public static class EnvironmentExports
{
    public const string Region = "us-east-1";

    public static string For(AccountCredentials credentials, string endpoint) =>
        $"""
        export AWS_ACCESS_KEY_ID={credentials.AccessKeyId}
        export AWS_SECRET_ACCESS_KEY={credentials.SecretAccessKey}
        export AWS_DEFAULT_REGION={Region}
        export AWS_ENDPOINT_URL={endpoint}

        """;
}
