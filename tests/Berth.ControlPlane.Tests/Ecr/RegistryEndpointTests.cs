using System.Text;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Auth;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>The registry's credentials end to end through its endpoint: passwords name their principal, so repository policies
/// apply to registry pulls as to API calls; GetDownloadUrlForLayer's presigned URLs read one layer without credentials for an
/// hour, and nothing else.</summary>
public sealed class RegistryEndpointTests : EcrHandlerTests
{
    private const string Alice = "arn:aws:iam::123456789012:user/alice";
    private const string Bob = "arn:aws:iam::123456789012:user/bob";

    [Fact]
    public async Task Registry_PolicyDenyingAPrincipal_RefusesItsTokenAndAllowsAnothers()
    {
        await Ecr.CreateRepositoryAsync("web");
        await SetPolicyAsync($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"{{Alice}}"},"Action":["ecr:ListImages","ecr:BatchGetImage"]}]}""");

        var alice = await Ecr.RegistryAsync("GET", "/v2/web/tags/list", await PasswordAsync(Alice));
        var bob = await Ecr.RegistryAsync("GET", "/v2/web/tags/list", await PasswordAsync(Bob));

        Assert.Equal(403, alice.Status);
        Assert.Contains("\"code\":\"DENIED\"", alice.Body, StringComparison.Ordinal);
        Assert.Contains(Alice, alice.Body, StringComparison.Ordinal);
        Assert.Equal((200, """{"name":"web","tags":[]}"""), bob);
    }

    [Fact]
    public async Task Registry_PolicyDenyingTheInstanceRole_RefusesPullsWithAnInstanceSessionsToken()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (_, digest) = await Ecr.PushImageAsync("web", "1");
        await SetPolicyAsync("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/berth-container-instance"},"Action":"ecr:BatchGetImage"}]}""");

        var instance = await Ecr.RegistryAsync("GET", "/v2/web/manifests/1", await PasswordAsync("arn:aws:sts::123456789012:assumed-role/berth-container-instance/i-0abc"));
        var user = await Ecr.RegistryAsync("GET", "/v2/web/manifests/1", await PasswordAsync(Bob));

        Assert.Equal(403, instance.Status);
        Assert.Equal(200, user.Status);
        Assert.Equal(digest, Berth.ControlPlane.Ecr.Digests.Of(Encoding.UTF8.GetBytes(user.Body)));
    }

    [Fact]
    public async Task DownloadUrl_FetchesTheLayerWithoutCredentials_UntilItExpiresAnHourLater()
    {
        await Ecr.CreateRepositoryAsync("web");
        var layer = "the layer's bytes"u8.ToArray();
        var digest = await Ecr.PushBlobAsync("web", layer);

        var path = await DownloadPathAsync("web", digest);

        Ecr.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal((200, Encoding.UTF8.GetString(layer)), await Ecr.RegistryAsync("GET", path));
        Ecr.Time.Advance(TimeSpan.FromMinutes(1));
        var expired = await Ecr.RegistryAsync("GET", path);

        Assert.Equal(403, expired.Status);
        Assert.Contains("\"code\":\"DENIED\"", expired.Body, StringComparison.Ordinal);
        Assert.Contains("expired", expired.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadUrl_Tampered_OrUsedForAnotherResource_IsRefused()
    {
        await Ecr.CreateRepositoryAsync("web");
        var digest = await Ecr.PushBlobAsync("web", "one layer"u8.ToArray());
        var other = await Ecr.PushBlobAsync("web", "another layer"u8.ToArray());
        var path = await DownloadPathAsync("web", digest);
        var query = path[path.IndexOf('?', StringComparison.Ordinal)..];
        var expires = System.Text.RegularExpressions.Regex.Match(query, "X-Berth-Expires=[0-9]+").Value;
        var stretched = expires[..^1] + (expires[^1] == '9' ? '8' : '9');

        var otherLayer = await Ecr.RegistryAsync("GET", $"/v2/web/blobs/{other}{query}");
        var longer = await Ecr.RegistryAsync("GET", path.Replace(expires, stretched, StringComparison.Ordinal));
        var manifest = await Ecr.RegistryAsync("GET", $"/v2/web/manifests/latest{query}");
        var upload = await Ecr.RegistryAsync("POST", $"/v2/web/blobs/uploads/{query}");

        Assert.Equal((403, 403), (otherLayer.Status, longer.Status));
        Assert.Contains("does not match", otherLayer.Body, StringComparison.Ordinal);
        Assert.Contains("does not match", longer.Body, StringComparison.Ordinal);
        Assert.Equal((403, 403), (manifest.Status, upload.Status));
        Assert.Empty(await UploadsAsync());
    }

    [Fact]
    public async Task DownloadUrl_OfALayerTheRepositoryNoLongerHas_IsBlobUnknown()
    {
        await Ecr.CreateRepositoryAsync("web");
        var digest = await Ecr.PushBlobAsync("web", "soon unlinked"u8.ToArray());
        var path = await DownloadPathAsync("web", digest);
        await Ecr.Uploads.UnlinkAsync(Ecr.Scope, "web", digest, default);

        var gone = await Ecr.RegistryAsync("GET", path);

        Assert.Equal(404, gone.Status);
        Assert.Contains("BLOB_UNKNOWN", gone.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_WithoutCredentialsOrSignature_IsUnauthorized()
    {
        await Ecr.CreateRepositoryAsync("web");
        var digest = await Ecr.PushBlobAsync("web", "private"u8.ToArray());

        Assert.Equal(401, (await Ecr.RegistryAsync("GET", $"/v2/web/blobs/{digest}")).Status);
    }

    /// <summary>The password of the token GetAuthorizationToken gives the principal.</summary>
    private async Task<string> PasswordAsync(string principalArn)
    {
        var data = (await Ecr.Authorization.GetAuthorizationToken(Ecr.Caller(principalArn: principalArn), new GetAuthorizationTokenRequest(), default))
            .AuthorizationData!.Single();
        return Encoding.UTF8.GetString(Convert.FromBase64String(data.AuthorizationToken!))[(RegistryTokens.UserName.Length + 1)..];
    }

    /// <summary>The path and query of the layer's download URL (after its <c>http://host</c>).</summary>
    private async Task<string> DownloadPathAsync(string repository, string digest) =>
        (await Ecr.Layers.GetDownloadUrlForLayer(Ecr.Caller(), new GetDownloadUrlForLayerRequest { RepositoryName = repository, LayerDigest = digest }, default))
            .DownloadUrl![$"http://{EcrHarness.RegistryHost}".Length..];

    private Task SetPolicyAsync(string policy) =>
        Ecr.Policies.SetRepositoryPolicy(Ecr.Caller(), new SetRepositoryPolicyRequest { RepositoryName = "web", PolicyText = policy }, default).AsTask();

    private async Task<List<string>> UploadsAsync() =>
        await Ecr.Store.KeysAsync(Ecr.Store.Uploads.Kind, Ecr.Partition, string.Empty, default);
}
