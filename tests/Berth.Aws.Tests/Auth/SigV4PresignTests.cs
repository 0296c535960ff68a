using Berth.Aws.Auth;
using Berth.Aws.Protocol;

namespace Berth.Aws.Tests.Auth;

public sealed class SigV4PresignTests
{
    private static readonly Credential Alice =
        new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "111122223333", "arn:aws:iam::111122223333:user/alice");

    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// AWS's documented query-string example (IAM ListUsers, AKIDEXAMPLE, 20150830T123600Z, X-Amz-Expires=60). Its
    /// canonical request ends with the SHA-256 of the empty body: services other than S3 do not use UNSIGNED-PAYLOAD
    /// for presigned requests, which is also what botocore's SigV4QueryAuth does.
    /// </summary>
    private const string DocumentedQuery =
        "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256" +
        "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20150830T123600Z" +
        "&X-Amz-Expires=60&X-Amz-SignedHeaders=content-type%3Bhost" +
        "&X-Amz-Signature=37ac2f4fde00b0ac9bd9eadeb459b1bbee224158d66e7ae5fcadb70b2d181d02";

    private static readonly SigV4Request DocumentedRequest = new("GET", "/", "Action=ListUsers&Version=2010-05-08",
        [
            new("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
            new("host", "iam.amazonaws.com"),
        ],
        ReadOnlyMemory<byte>.Empty);

    [Fact]
    public void Presign_DocumentedIamExample_ProducesAwsQuery()
    {
        string query = SigV4Signer.Presign(DocumentedRequest, TestRequests.SuiteCredential, "us-east-1", "iam", TestRequests.SuiteTime, TimeSpan.FromSeconds(60));

        Assert.Equal(DocumentedQuery, query);
    }

    [Fact]
    public void Verify_DocumentedIamExample_Accepts()
    {
        var verifier = new SigV4Verifier(
            new FakeCredentialSource(TestRequests.SuiteCredential), new FakeTimeProvider(TestRequests.SuiteTime.AddSeconds(30)), new SigV4Options());

        AuthenticatedPrincipal principal = verifier.Verify(DocumentedRequest with { Query = DocumentedQuery });

        Assert.Equal(new AuthenticatedPrincipal(TestRequests.SuiteCredential, "us-east-1", "iam", TestRequests.SuiteTime), principal);
    }

    [Fact]
    public void Verify_PresignedWithSessionTokenAndOperationParameters_Accepts()
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromMinutes(5), query: "cluster=my%20cluster&force", securityToken: "FwoGZXIvYXdzEJr//token+/=");

        Assert.Equal(Alice, Verifier(Now).Verify(request).Credential);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public void Verify_PresignedWithinExpiry_Accepts(int secondsLater)
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromMinutes(5));

        Assert.Equal(Now, Verifier(Now.AddSeconds(secondsLater)).Verify(request).SignedAt);
    }

    [Fact]
    public void Verify_PresignedExpiryLongerThanClockSkew_IsHonoured()
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromHours(1));

        Assert.Equal(Now, Verifier(Now.AddMinutes(59)).Verify(request).SignedAt);
    }

    [Fact]
    public void Verify_PresignedAfterExpiry_ThrowsSignatureExpired()
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromMinutes(5));

        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now.AddSeconds(301)).Verify(request));

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Equal("Signature expired: 20261121T120000Z is now earlier than 20261121T120001Z (20261121T120501Z - 5 min.)", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Verify_PresignedWithOddExpiry_NamesItInSeconds()
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromSeconds(90));

        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now.AddSeconds(91)).Verify(request));

        Assert.Equal("Signature expired: 20261121T120000Z is now earlier than 20261121T120001Z (20261121T120131Z - 90 sec.)", error.Message);
    }

    [Fact]
    public void Verify_PresignedInTheFuture_ThrowsSignatureNotYetCurrent()
    {
        SigV4Request request = Presigned(Now.AddMinutes(16), TimeSpan.FromHours(1));

        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(request));

        Assert.Equal("Signature not yet current: 20261121T121600Z is still later than 20261121T121500Z (20261121T120000Z + 15 min.)", error.Message);
    }

    [Theory]
    [InlineData("cluster=other")]
    [InlineData("X-Amz-Expires=3600")]
    public void Verify_PresignedQueryTampered_ThrowsInvalidSignature(string replacement)
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromMinutes(5), query: "cluster=mine");
        string name = replacement.Split('=')[0];
        string original = request.Query.Split('&').First(p => p.StartsWith(name + "=", StringComparison.Ordinal));

        AwsException error = Assert.Throws<AwsException>(() =>
            Verifier(Now).Verify(request with { Query = request.Query.Replace(original, replacement, StringComparison.Ordinal) }));

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Equal(SigV4Errors.SignatureMismatchMessage, error.Message);
    }

    [Fact]
    public void Verify_PresignedWithoutSignature_ThrowsIncompleteSignature()
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromMinutes(5));
        request = request with { Query = string.Join('&', request.Query.Split('&').Where(p => !p.StartsWith("X-Amz-Signature=", StringComparison.Ordinal))) };

        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(request));

        Assert.Equal("IncompleteSignatureException", error.Code);
        Assert.Equal("AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.", error.Message);
    }

    [Theory]
    [InlineData("604801", "X-Amz-Expires must be less than a week (in seconds) that is, the given X-Amz-Expires must be less than 604800 seconds")]
    [InlineData("soon", "X-Amz-Expires should be a number")]
    [InlineData("-1", "X-Amz-Expires must be non-negative")]
    public void Verify_PresignedWithBadExpires_ThrowsIncompleteSignature(string expires, string message)
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromMinutes(5));
        request = request with { Query = request.Query.Replace("X-Amz-Expires=300", "X-Amz-Expires=" + expires, StringComparison.Ordinal) };

        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(request));

        Assert.Equal("IncompleteSignatureException", error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Verify_PresignedWithoutSignedHost_ThrowsIncompleteSignature()
    {
        SigV4Request request = Presigned(Now, TimeSpan.FromMinutes(5)).With("X-Custom", "1");
        request = request with { Query = request.Query.Replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-custom", StringComparison.Ordinal) };

        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(request));

        Assert.Equal(SigV4Errors.HostNotSignedMessage, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(604801)]
    public void Presign_ExpiryOutOfRange_Throws(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SigV4Signer.Presign(HostOnly(), Alice, "us-east-1", "ecs", Now, TimeSpan.FromSeconds(seconds)));
    }

    private static SigV4Request Presigned(DateTimeOffset signedAt, TimeSpan expires, string query = "", string? securityToken = null)
    {
        SigV4Request request = HostOnly() with { Query = query };
        return request with { Query = SigV4Signer.Presign(request, Alice, "us-east-1", "ecs", signedAt, expires, securityToken) };
    }

    private static SigV4Request HostOnly() => new("GET", "/", "", [new("Host", "berth.local:9400")], ReadOnlyMemory<byte>.Empty);

    private static SigV4Verifier Verifier(DateTimeOffset now) =>
        new(new FakeCredentialSource(Alice), new FakeTimeProvider(now), new SigV4Options());
}
