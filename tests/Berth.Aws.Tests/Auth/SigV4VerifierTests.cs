using System.Text;
using Berth.Aws.Auth;
using Berth.Aws.Protocol;

namespace Berth.Aws.Tests.Auth;

public sealed class SigV4VerifierTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string Scope = "AKIAIOSFODNN7EXAMPLE/20261121/us-east-1/ecs/aws4_request";
    private const string Signature = "a9be794ad3db6b87e7634ad823f157485bd7d768b3bfb71a59b2287c0afc1788";

    private static readonly Credential Alice =
        new("AKIAIOSFODNN7EXAMPLE", Secret, "111122223333", "arn:aws:iam::111122223333:user/alice");

    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeCredentialSource _credentials = new(Alice);
    private readonly SigV4Verifier _verifier;

    public SigV4VerifierTests()
    {
        _verifier = new SigV4Verifier(_credentials, new FakeTimeProvider(Now), new SigV4Options());
    }

    public static TheoryData<string, string, string> RequestShapes => new()
    {
        { "POST", "/", "" },
        { "GET", "/v1/clusters/my%20cluster/", "b=2&a=1&a=0&empty&tilde=%7e&space=a%20b" },
        { "GET", "/a/./b/../c//d", "X-Amz-Meta=%E1%88%B4" },
        { "PUT", "/ሴ", "" },
    };

    [Theory]
    [MemberData(nameof(RequestShapes))]
    public void Verify_SignedBySigner_ReturnsPrincipal(string method, string path, string query)
    {
        SigV4Request request = TestRequests.EcsPost(Now) with { Method = method, Path = path, Query = query };
        request = request.With("My-Header", "  two   words ").With("my-header", "again");
        request = request.With("Authorization", SigV4Signer.Sign(request, Alice, "eu-west-1", "ecs", Now));

        AuthenticatedPrincipal principal = _verifier.Verify(request);

        Assert.Equal(new AuthenticatedPrincipal(Alice, "eu-west-1", "ecs", Now), principal);
    }

    [Fact]
    public void Verify_SameKeyOverSeveralDaysAndRegions_AcceptsEach()
    {
        var clock = new FakeTimeProvider(Now);
        var verifier = new SigV4Verifier(_credentials, clock, new SigV4Options());
        foreach (int day in new[] { 0, 1, 0, 2 })
        {
            foreach (string region in new[] { "us-east-1", "eu-west-1" })
            {
                clock.Now = Now.AddDays(day);
                SigV4Request request = TestRequests.EcsPost(clock.Now);
                request = request.With("Authorization", SigV4Signer.Sign(request, Alice, region, "ecs", clock.Now));

                Assert.Equal(region, verifier.Verify(request).Region);
            }
        }
    }

    [Fact]
    public void Verify_HttpDateHeaderInsteadOfAmzDate_Accepts()
    {
        SigV4Request request = TestRequests.EcsPost(Now).Without("X-Amz-Date").With("Date", "Sat, 21 Nov 2026 12:00:00 GMT");
        request = request.With("Authorization", SigV4Signer.Sign(request, Alice, "us-east-1", "ecs", Now));

        Assert.Equal(Now, _verifier.Verify(request).SignedAt);
    }

    [Fact]
    public void Verify_HeaderNamesInAnotherCase_Accepts()
    {
        SigV4Request signed = TestRequests.SignedEcsPost(Alice, Now);
        var shouted = signed with { Headers = [.. signed.Headers.Select(h => new KeyValuePair<string, string>(h.Key.ToUpperInvariant(), h.Value))] };

        Assert.Equal(Alice, _verifier.Verify(shouted).Credential);
    }

    [Fact]
    public void Verify_NoAuthentication_ThrowsMissingAuthenticationToken()
    {
        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(TestRequests.EcsPost(Now)));

        AssertError(error, "MissingAuthenticationTokenException", "Missing Authentication Token");
        Assert.Empty(_credentials.Lookups);
    }

    [Theory]
    [InlineData("Action=ListClusters")]
    [InlineData("X-Amz-Date=20261121T120000Z")]
    public void Verify_QueryWithoutAuthParameters_ThrowsMissingAuthenticationToken(string query)
    {
        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(TestRequests.EcsPost(Now) with { Query = query }));

        AssertError(error, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Theory]
    [InlineData(
        $"AWS4-HMAC-SHA256 Credential={Scope}, SignedHeaders=host;x-amz-date",
        "Authorization header requires 'Signature' parameter.")]
    [InlineData(
        $"AWS4-HMAC-SHA256 Credential={Scope}",
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.")]
    [InlineData(
        $"AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature={Signature}",
        "Authorization header requires 'Credential' parameter.")]
    [InlineData(
        "AWS4-HMAC-SHA256",
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.")]
    [InlineData(
        "Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl",
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.")]
    [InlineData(
        $"AWS4-ECDSA-P256-SHA256 Credential={Scope}, SignedHeaders=host;x-amz-date, Signature={Signature}",
        "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'.")]
    [InlineData(
        $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261121/us-east-1/aws4_request, SignedHeaders=host;x-amz-date, Signature={Signature}",
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIAIOSFODNN7EXAMPLE/20261121/us-east-1/aws4_request'")]
    [InlineData(
        $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261121/us-east-1/ecs/aws5_request, SignedHeaders=host;x-amz-date, Signature={Signature}",
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.")]
    [InlineData(
        $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261121//ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature={Signature}",
        "Credential has an empty access key, date, region or service: 'AKIAIOSFODNN7EXAMPLE/20261121//ecs/aws4_request'")]
    [InlineData(
        $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE /20261121/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature={Signature}",
        "'/20261121/us-east-1/ecs/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header.")]
    [InlineData(
        $"AWS4-HMAC-SHA256 Credential={Scope}, SignedHeaders=content-type;x-amz-date;x-amz-target, Signature={Signature}",
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")]
    public void Verify_MalformedAuthorization_ThrowsIncompleteSignature(string authorization, string message)
    {
        SigV4Request request = TestRequests.EcsPost(Now).With("Authorization", authorization);

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        AssertError(error, "IncompleteSignatureException", message);
        Assert.Empty(_credentials.Lookups);
    }

    [Fact]
    public void Verify_NoDateHeader_ThrowsIncompleteSignature()
    {
        SigV4Request request = TestRequests.SignedEcsPost(Alice, Now).Without("X-Amz-Date");

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        AssertError(error, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    [Theory]
    [InlineData("2026-11-21T12:00:00Z")]
    [InlineData("20261131T120000Z")]
    [InlineData("20261121T250000Z")]
    public void Verify_UnreadableDate_ThrowsIncompleteSignature(string date)
    {
        SigV4Request request = TestRequests.SignedEcsPost(Alice, Now).Replace("X-Amz-Date", date);

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        AssertError(error, "IncompleteSignatureException", $"Date must be in ISO-8601 'basic format'. Got '{date}'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    [Fact]
    public void Verify_ScopeDateIsNotTheRequestDay_ThrowsInvalidSignature()
    {
        SigV4Request request = TestRequests.SignedEcsPost(Alice, Now).Replace("X-Amz-Date", "20261122T000100Z");

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        AssertError(
            error,
            "InvalidSignatureException",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261121' != '20261122', from '20261122T000100Z'.");
    }

    [Fact]
    public void Verify_UnknownAccessKey_ThrowsUnrecognizedClient()
    {
        var stranger = Alice with { AccessKeyId = "AKIASTRANGER0000000X" };

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(TestRequests.SignedEcsPost(stranger, Now)));

        AssertError(error, "UnrecognizedClientException", "The security token included in the request is invalid.");
        Assert.Equal(["AKIASTRANGER0000000X"], _credentials.Lookups);
    }

    [Fact]
    public void Verify_WrongSecret_ThrowsInvalidSignature()
    {
        var impostor = Alice with { SecretAccessKey = "not-the-secret-at-all-0000000000000000000" };

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(TestRequests.SignedEcsPost(impostor, Now)));

        AssertError(
            error,
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    public static TheoryData<string, Func<SigV4Request, SigV4Request>> Tamperings => new()
    {
        { "body", r => r with { Body = Encoding.UTF8.GetBytes("""{"maxResults": 11}""") } },
        { "signed header", r => r.Replace("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DeleteCluster") },
        { "repeated signed header", r => r.With("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DeleteCluster") },
        { "host", r => r.Replace("Host", "127.0.0.1:9401") },
        { "path", r => r with { Path = "/v2" } },
        { "query", r => r with { Query = "force=true" } },
        { "method", r => r with { Method = "PUT" } },
        { "signature digit", r => r.Replace("Authorization", FlipLastSignatureDigit(r.Header("Authorization"))) },
        { "signature truncated", r => r.Replace("Authorization", r.Header("Authorization")[..^2]) },
        { "signature not hex", r => r.Replace("Authorization", r.Header("Authorization")[..^1] + "g") },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Verify_TamperedRequest_ThrowsInvalidSignature(string what, Func<SigV4Request, SigV4Request> tamper)
    {
        SigV4Request request = tamper(TestRequests.SignedEcsPost(Alice, Now));

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        Assert.True(error.Code is "InvalidSignatureException" or "IncompleteSignatureException", $"{what}: {error.Code} {error.Message}");
    }

    [Fact]
    public void Verify_SignedContentSha256OfTheBody_Accepts()
    {
        SigV4Request request = TestRequests.EcsPost(Now).With("X-Amz-Content-Sha256", Sha256Hex("""{"maxResults": 10}"""));
        request = request.With("Authorization", SigV4Signer.Sign(request, Alice, "us-east-1", "ecs", Now));

        Assert.Equal(Alice, _verifier.Verify(request).Credential);
    }

    [Fact]
    public void Verify_ContentSha256OfAnotherBody_ThrowsInvalidSignature()
    {
        // Signed correctly over the declared hash, but the body is not the one that hash describes.
        SigV4Request request = TestRequests.EcsPost(Now, """{"maxResults": 99}""").With("X-Amz-Content-Sha256", Sha256Hex("""{"maxResults": 10}"""));
        request = request.With("Authorization", SigV4Signer.Sign(request, Alice, "us-east-1", "ecs", Now));

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        AssertError(error, "InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    [Fact]
    public void Verify_UnsignedPayloadDeclared_AcceptsAnyBody()
    {
        SigV4Request request = TestRequests.EcsPost(Now).With("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
        request = request.With("Authorization", SigV4Signer.Sign(request, Alice, "us-east-1", "ecs", Now));

        Assert.Equal(Alice, _verifier.Verify(request with { Body = "{}"u8.ToArray() }).Credential);
    }

    [Fact]
    public void Verify_StreamingPayloadDeclared_ThrowsIncompleteSignature()
    {
        SigV4Request request = TestRequests.EcsPost(Now).With("X-Amz-Content-Sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        request = request.With("Authorization", SigV4Signer.Sign(request, Alice, "us-east-1", "ecs", Now));

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        Assert.Equal("IncompleteSignatureException", error.Code);
    }

    public static TheoryData<string, Func<SigV4Request, SigV4Request>> Failures => new()
    {
        { "wrong secret", r => r.Replace("Authorization", SigV4Signer.Sign(r.Without("Authorization"), Alice with { SecretAccessKey = "x" }, "us-east-1", "ecs", Now)) },
        { "tampered body", r => r with { Body = "{}"u8.ToArray() } },
        { "bearer token", r => r.Replace("Authorization", "Bearer " + Secret) },
        { "expired", r => r.Replace("X-Amz-Date", "20261121T100000Z") },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Verify_AnyFailure_NeverRevealsTheSecret(string what, Func<SigV4Request, SigV4Request> breakIt)
    {
        SigV4Request request = breakIt(TestRequests.SignedEcsPost(Alice, Now));

        AwsException error = Assert.Throws<AwsException>(() => _verifier.Verify(request));

        Assert.False(error.Message.Contains("wJalrXUtnFEMI", StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.False(error.ToString().Contains("wJalrXUtnFEMI", StringComparison.Ordinal), what);
    }

    [Fact]
    public void Constructor_NegativeClockSkew_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SigV4Verifier(_credentials, TimeProvider.System, new SigV4Options { AllowedClockSkew = TimeSpan.FromSeconds(-1) }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901")]
    [InlineData("12345678901a")]
    public void Constructor_DefaultAccountIdNotTwelveDigits_Throws(string account)
    {
        Assert.Throws<ArgumentException>(() =>
            new SigV4Verifier(_credentials, TimeProvider.System, new SigV4Options { DefaultAccountId = account }));
    }

    private static void AssertError(AwsException error, string code, string message)
    {
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    private static string FlipLastSignatureDigit(string authorization) =>
        authorization[..^1] + (authorization[^1] == '0' ? '1' : '0');

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
