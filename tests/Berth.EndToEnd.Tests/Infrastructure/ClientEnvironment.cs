using System.Collections.Immutable;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>The environment the AWS CLI and boto3 run with: the server's credentials and endpoint, and empty config files
/// so that nothing in ~/.aws (profiles, regions, retry settings) can change what a test sees.</summary>
public sealed class ClientEnvironment
{
    private ClientEnvironment(ImmutableDictionary<string, string?> variables) => Variables = variables;

    /// <summary>Variables to set; a null value means "make sure it is not set".</summary>
    public ImmutableDictionary<string, string?> Variables { get; }

    /// <param name="scratchDirectory">Where the empty AWS config and credentials files are made.</param>
    public static ClientEnvironment For(BerthCredentials credentials, string scratchDirectory)
    {
        var config = Path.Combine(scratchDirectory, "aws-config");
        var sharedCredentials = Path.Combine(scratchDirectory, "aws-credentials");
        File.WriteAllText(config, string.Empty);
        File.WriteAllText(sharedCredentials, string.Empty);
        return new ClientEnvironment(ImmutableDictionary<string, string?>.Empty
            .Add("AWS_ACCESS_KEY_ID", credentials.AccessKeyId)
            .Add("AWS_SECRET_ACCESS_KEY", credentials.SecretAccessKey)
            .Add("AWS_DEFAULT_REGION", credentials.Region)
            .Add("AWS_ENDPOINT_URL", credentials.EndpointUrl)
            .Add("AWS_CONFIG_FILE", config)
            .Add("AWS_SHARED_CREDENTIALS_FILE", sharedCredentials)
            .Add("AWS_PAGER", string.Empty)
            .Add("AWS_EC2_METADATA_DISABLED", "true")
            .Add("AWS_RETRY_MODE", "standard")
            .Add("AWS_MAX_ATTEMPTS", "1"));
    }

    public string EndpointUrl => Variables["AWS_ENDPOINT_URL"]!;

    /// <summary>A copy with one variable changed; null unsets it.</summary>
    public ClientEnvironment With(string name, string? value) => new(Variables.SetItem(name, value));
}
