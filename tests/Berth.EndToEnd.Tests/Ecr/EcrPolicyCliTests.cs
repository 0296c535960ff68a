using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecr;

/// <summary>Lifecycle policies (with their preview and enforcement) and repository policies (honoured by the API and the
/// registry) through the real AWS CLI, with the errors users meet.</summary>
public sealed class EcrPolicyCliTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    private const string KeepNewestV =
        """{"rules":[{"rulePriority":1,"description":"keep the newest v image","selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""";

    [Fact]
    public async Task LifecyclePolicy_PreviewPutEnforceDelete_AndTheirErrors()
    {
        const string repository = "cli/lifecycle";
        (await fixture.AwsAsync("ecr", "create-repository", "--repository-name", repository)).AssertSuccess();
        foreach (var tag in new[] { "v1", "v2", "v3" })
        {
            await PutImageAsync(repository, tag);
        }

        (await fixture.AwsAsync("ecr", "get-lifecycle-policy", "--repository-name", repository)).AssertAwsError("LifecyclePolicyNotFoundException");
        (await fixture.AwsAsync("ecr", "get-lifecycle-policy-preview", "--repository-name", repository)).AssertAwsError("LifecyclePolicyPreviewNotFoundException");
        var invalid = (await fixture.AwsAsync("ecr", "put-lifecycle-policy", "--repository-name", repository, "--lifecycle-policy-text",
            KeepNewestV.Replace("\"tagPrefixList\":[\"v\"],", string.Empty, StringComparison.Ordinal))).AssertAwsError("InvalidParameterException");
        Assert.Contains("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: Must specify tagPrefixList",
            invalid.Stderr, StringComparison.Ordinal);

        (await fixture.AwsAsync("ecr", "start-lifecycle-policy-preview", "--repository-name", repository, "--lifecycle-policy-text", KeepNewestV)).Verify(j =>
            Assert.Equal("IN_PROGRESS", j.Str("status")));
        (await fixture.AwsAsync("ecr", "get-lifecycle-policy-preview", "--repository-name", repository)).Verify(j =>
        {
            Assert.Equal(("COMPLETE", 2), (j.Str("status"), j.Int("summary.expiringImageTotalCount")));
            Assert.Equal(["v1", "v2"], j.Items("previewResults").Select(r => r.Strings("imageTags").Single()).Order());
            Assert.All(j.Items("previewResults"), r => Assert.Equal(("EXPIRE", 1), (r.Str("action.type"), r.Int("appliedRulePriority"))));
        });

        (await fixture.AwsAsync("ecr", "put-lifecycle-policy", "--repository-name", repository, "--lifecycle-policy-text", KeepNewestV)).Verify(j =>
            Assert.Equal(KeepNewestV, j.Str("lifecyclePolicyText")));
        (await fixture.AwsAsync("ecr", "get-lifecycle-policy", "--repository-name", repository)).Verify(j =>
            Assert.Equal(KeepNewestV, j.Str("lifecyclePolicyText")));

        // Putting a policy wakes the lifecycle controller: v1 and v2 expire within moments, not at the next interval.
        var remaining = await EventuallyAsync(async () =>
            (await fixture.AwsAsync("ecr", "list-images", "--repository-name", repository)).AssertSuccess().Json.Items("imageIds").Select(i => i.Str("imageTag")).ToList(),
            tags => tags.Count == 1);
        Assert.Equal(["v3"], remaining);
        var evaluated = await EventuallyAsync(async () =>
            (await fixture.AwsAsync("ecr", "get-lifecycle-policy", "--repository-name", repository)).AssertSuccess().Json.Has("lastEvaluatedAt"), has => has);
        Assert.True(evaluated, "lastEvaluatedAt is set once the policy was enforced");

        (await fixture.AwsAsync("ecr", "delete-lifecycle-policy", "--repository-name", repository)).Verify(j =>
            Assert.Equal(KeepNewestV, j.Str("lifecyclePolicyText")));
        (await fixture.AwsAsync("ecr", "delete-lifecycle-policy", "--repository-name", repository)).AssertAwsError("LifecyclePolicyNotFoundException");
        (await fixture.AwsAsync("ecr", "start-lifecycle-policy-preview", "--repository-name", repository)).AssertAwsError("LifecyclePolicyNotFoundException");
    }

    [Fact]
    public async Task RepositoryPolicy_SetGetDelete_ExplicitDenyRefusesApiAndRegistry()
    {
        const string repository = "cli/policy";
        var account = (await fixture.AwsAsync("ecr", "create-repository", "--repository-name", repository)).AssertSuccess().Json.Str("repository.registryId")!;
        (await fixture.AwsAsync("ecr", "get-repository-policy", "--repository-name", repository)).AssertAwsError("RepositoryPolicyNotFoundException");
        (await fixture.AwsAsync("ecr", "set-repository-policy", "--repository-name", repository, "--policy-text", """{"Statement":[{"Effect":"Perhaps"}]}"""))
            .AssertAwsError("InvalidParameterException");
        var lockout = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ecr:*"}]}""";
        (await fixture.AwsAsync("ecr", "set-repository-policy", "--repository-name", repository, "--policy-text", lockout)).AssertAwsError("InvalidParameterException");

        var denyPulls = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"NoPulls","Effect":"Deny","Principal":{"AWS":"{{account}}"},"Action":["ecr:ListImages","ecr:BatchGetImage"]}]}""";
        (await fixture.AwsAsync("ecr", "set-repository-policy", "--repository-name", repository, "--policy-text", denyPulls)).Verify(j =>
            Assert.Equal(denyPulls, j.Str("policyText")));
        (await fixture.AwsAsync("ecr", "get-repository-policy", "--repository-name", repository)).Verify(j => Assert.Equal(denyPulls, j.Str("policyText")));
        var denied = (await fixture.AwsAsync("ecr", "list-images", "--repository-name", repository)).AssertAwsError("AccessDeniedException");
        Assert.Contains("with an explicit deny in a resource-based policy", denied.Stderr, StringComparison.Ordinal);
        (await fixture.AwsAsync("ecr", "describe-repositories", "--repository-names", repository)).AssertSuccess();
        var (status, body) = await RegistryGetAsync($"/v2/{repository}/tags/list");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("\"code\":\"DENIED\"", body, StringComparison.Ordinal);

        (await fixture.AwsAsync("ecr", "delete-repository-policy", "--repository-name", repository)).Verify(j => Assert.Equal(denyPulls, j.Str("policyText")));
        (await fixture.AwsAsync("ecr", "delete-repository-policy", "--repository-name", repository)).AssertAwsError("RepositoryPolicyNotFoundException");
        (await fixture.AwsAsync("ecr", "list-images", "--repository-name", repository)).AssertSuccess();
        Assert.Equal(HttpStatusCode.OK, (await RegistryGetAsync($"/v2/{repository}/tags/list")).Status);
    }

    /// <summary>A GET on the registry with the password get-login-password hands out.</summary>
    private async Task<(HttpStatusCode Status, string Body)> RegistryGetAsync(string path)
    {
        var password = (await fixture.AwsAsync("ecr", "get-login-password")).AssertSuccess().Stdout.Trim();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Server.Endpoint + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + password)));
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Uploads a config and a layer of the tag's own bytes and puts a manifest over them under the tag.</summary>
    private async Task PutImageAsync(string repository, string tag)
    {
        var config = await EcrCliPushes.UploadLayerAsync(fixture, repository, $$"""{"architecture":"amd64","os":"linux","tag":"{{tag}}"}""");
        var layer = await EcrCliPushes.UploadLayerAsync(fixture, repository, "layer of " + tag);
        var file = Path.Combine(fixture.Scratch, $"manifest-{tag}.json");
        await File.WriteAllTextAsync(file, EcrCliPushes.Manifest(config, layer));
        (await fixture.AwsAsync("ecr", "put-image", "--repository-name", repository, "--image-tag", tag, "--image-manifest", "file://" + file)).AssertSuccess();
    }

    /// <summary>Polls until the condition holds (at most 30 s), answering the last value read.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var value = await read();
        while (!condition(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            value = await read();
        }

        return value;
    }
}
