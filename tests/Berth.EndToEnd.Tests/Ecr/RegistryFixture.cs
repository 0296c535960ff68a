using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecr;

/// <summary>A server and a Docker client config of its own (DOCKER_CONFIG), so logging in never touches ~/.docker.</summary>
public class RegistryFixture : BerthServerFixture
{
    public string DockerConfig => Path.Combine(Scratch, "docker-config");

    public string RegistryHost => $"127.0.0.1:{Server.Port}";

    /// <summary>Runs a tool (docker, skopeo) with the clients' environment and this fixture's Docker config.</summary>
    public Task<ProcessResult> RunAsync(string tool, string? input, params string[] arguments)
    {
        Directory.CreateDirectory(DockerConfig);
        var environment = Client.With("DOCKER_CONFIG", DockerConfig).Variables;
        return ProcessRunner.RunAsync(tool, arguments, environment, input, TimeSpan.FromMinutes(3));
    }

    /// <summary>The local image the tests push (scripts/ensure-test-image.sh); nothing can be pulled from elsewhere.</summary>
    public const string TestImage = "berth-test/busybox:latest";

    /// <summary>Creates a repository and logs this fixture's docker client in to the registry; returns the repositoryUri.</summary>
    public async Task<string> CreateRepositoryAndLoginAsync(string name)
    {
        var created = (await AwsAsync("ecr", "create-repository", "--repository-name", name)).AssertSuccess();
        var password = await PasswordAsync();
        (await RunAsync("docker", password, "login", "--username", "AWS", "--password-stdin", RegistryHost)).AssertSuccess();
        return created.Json["repository"]!["repositoryUri"]!.GetValue<string>();
    }

    public async Task<string> PasswordAsync() => (await AwsAsync("ecr", "get-login-password")).AssertSuccess().Stdout.Trim();
}
