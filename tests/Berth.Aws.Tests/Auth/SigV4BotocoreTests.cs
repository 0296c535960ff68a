using System.Text;
using Berth.Aws.Auth;

namespace Berth.Aws.Tests.Auth;

/// <summary>
/// A request exactly as the AWS CLI sends it. Produced once with botocore 1.43.11: an ECS client with
/// endpoint_url http://127.0.0.1:9400, botocore.auth.get_current_datetime patched to 2026-11-21T12:00:00Z,
/// list_clusters(maxResults=10), captured at 'before-send'. The Host header is the one urllib3 then adds.
/// </summary>
public sealed class SigV4BotocoreTests
{
    private static readonly Credential CliCredential =
        new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "111122223333", "arn:aws:iam::111122223333:user/cli");

    private static readonly DateTimeOffset SignedAt = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private const string BotocoreAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261121/us-east-1/ecs/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, " +
        "Signature=a9be794ad3db6b87e7634ad823f157485bd7d768b3bfb71a59b2287c0afc1788";

    private const string UserAgent =
        "Botocore/1.43.11 ua/2.1 os/linux#6.18.44-fc-v445 md/arch#x86_64 lang/python#3.11.7 md/pyimpl#CPython m/D,e,Z,N,b cfg/retry-mode#legacy";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"maxResults": 10}""");

    [Fact]
    public void Verify_BotocoreListClusters_Accepts()
    {
        // As on the wire: botocore adds amz-sdk-* and Content-Length after signing, so they are present but unsigned.
        var request = new SigV4Request("POST", "/", "",
            [
                new("Host", "127.0.0.1:9400"),
                new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters"),
                new("Content-Type", "application/x-amz-json-1.1"),
                new("User-Agent", UserAgent),
                new("X-Amz-Date", "20261121T120000Z"),
                new("Authorization", BotocoreAuthorization),
                new("amz-sdk-invocation-id", "3af8b2f8-2742-4a7b-a046-c16af3265aae"),
                new("amz-sdk-request", "attempt=1"),
                new("Content-Length", "18"),
            ],
            Body);
        var verifier = new SigV4Verifier(new FakeCredentialSource(CliCredential), new FakeTimeProvider(SignedAt.AddSeconds(2)), new SigV4Options());

        AuthenticatedPrincipal principal = verifier.Verify(request);

        Assert.Equal(new AuthenticatedPrincipal(CliCredential, "us-east-1", "ecs", SignedAt), principal);
    }

    [Fact]
    public void Sign_BotocoreListClusters_ReproducesAuthorization()
    {
        // The headers botocore held when it signed; User-Agent is among them and, as in botocore, left unsigned.
        var request = new SigV4Request("POST", "/", "",
            [
                new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters"),
                new("Content-Type", "application/x-amz-json-1.1"),
                new("User-Agent", UserAgent),
                new("X-Amz-Date", "20261121T120000Z"),
                new("Host", "127.0.0.1:9400"),
            ],
            Body);

        string authorization = SigV4Signer.Sign(request, CliCredential, "us-east-1", "ecs", SignedAt);

        Assert.Equal(BotocoreAuthorization, authorization);
    }
}
