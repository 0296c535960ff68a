using Berth.Aws.Auth;

namespace Berth.Aws.Tests.Auth;

/// <summary>
/// Known answers from AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite, 2015-08-30; also
/// kept in botocore's tests/unit/auth/aws4_testsuite): AKIDEXAMPLE, us-east-1, service "service". The paths are
/// the suite's, which botocore signs as written, so "/ሴ" and "/example space/" appear here unencoded.
/// </summary>
public sealed class SigV4TestSuiteTests
{
    private const string Host = "Host:example.amazonaws.com\n";
    private const string Date = "X-Amz-Date:20150830T123600Z";
    private const string Plain = "host;x-amz-date";
    private const string WithMyHeader = "host;my-header1;x-amz-date";
    private const string SuiteToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    private const string StsToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwth" +
        "Ax7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9" +
        "q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
    private const string Unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Case name, request, expected SignedHeaders, expected signature.</summary>
    public static TheoryData<string, string, string, string> Vectors => new()
    {
        { "get-vanilla", "GET /\n" + Host + Date, Plain, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-empty-query-key", "GET /?Param1=value1\n" + Host + Date, Plain, "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
        { "get-vanilla-query-order-key-case", "GET /?Param2=value2&Param1=value1\n" + Host + Date, Plain, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "get-vanilla-query-order-key", "GET /?Param1=value2&Param1=Value1\n" + Host + Date, Plain, "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1" },
        { "get-vanilla-query-order-value", "GET /?Param1=value2&Param1=value1\n" + Host + Date, Plain, "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694" },
        { "get-vanilla-query-order-encoded", "GET /?Param-3=Value3&Param=Value2&%E1%88%B4=Value1\n" + Host + Date, Plain, "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac" },
        { "get-vanilla-query-unreserved", $"GET /?{Unreserved}={Unreserved}\n" + Host + Date, Plain, "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197" },
        { "get-vanilla-utf8-query", "GET /?ሴ=bar\n" + Host + Date, Plain, "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
        { "get-vanilla-with-session-token", "GET /\n" + Host + Date + "\nX-Amz-Security-Token:" + SuiteToken, "host;x-amz-date;x-amz-security-token", "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8" },
        { "get-unreserved", $"GET /{Unreserved}\n" + Host + Date, Plain, "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
        { "get-utf8", "GET /ሴ\n" + Host + Date, Plain, "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
        { "get-header-key-duplicate", "GET /\n" + Host + "My-Header1:value2\nMy-Header1:value2\nMy-Header1:value1\n" + Date, WithMyHeader, "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea" },
        { "get-header-value-multiline", "GET /\n" + Host + "My-Header1:value1\n  value2\n     value3\n" + Date, WithMyHeader, "cfd34249e4b1c8d6b91ef74165d41a32e5fab3306300901bb65a51a73575eefd" },
        { "get-header-value-order", "GET /\n" + Host + "My-Header1:value4\nMy-Header1:value1\nMy-Header1:value3\nMy-Header1:value2\n" + Date, WithMyHeader, "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01" },
        { "get-header-value-trim", "GET /\n" + Host + "My-Header1: value1\nMy-Header2: \"a   b   c\"\n" + Date, "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "post-vanilla", "POST /\n" + Host + Date, Plain, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "post-vanilla-query", "POST /?Param1=value1\n" + Host + Date, Plain, "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
        { "post-header-key-sort", "POST /\n" + Host + "My-Header1:value1\n" + Date, WithMyHeader, "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
        { "post-header-value-case", "POST /\n" + Host + "My-Header1:VALUE1\n" + Date, WithMyHeader, "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
        { "post-x-www-form-urlencoded", "POST /\nContent-Type:application/x-www-form-urlencoded\n" + Host + Date + "\n\nParam1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
        { "post-x-www-form-urlencoded-parameters", "POST /\nContent-Type:application/x-www-form-urlencoded; charset=utf8\n" + Host + Date + "\n\nParam1=value1", "content-type;host;x-amz-date", "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe" },
        { "post-sts-header-before", "POST /\n" + Host + Date + "\nX-Amz-Security-Token:" + StsToken, "host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
        { "normalize-path/get-relative", "GET /example/..\n" + Host + Date, Plain, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "normalize-path/get-relative-relative", "GET /example1/example2/../..\n" + Host + Date, Plain, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "normalize-path/get-slash", "GET //\n" + Host + Date, Plain, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "normalize-path/get-slash-dot-slash", "GET /./\n" + Host + Date, Plain, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "normalize-path/get-slash-pointless-dot", "GET /./example\n" + Host + Date, Plain, "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5" },
        { "normalize-path/get-slashes", "GET //example//\n" + Host + Date, Plain, "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84" },
        { "normalize-path/get-space", "GET /example space/\n" + Host + Date, Plain, "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741" },
        { "normalize-path/get-special-character", "GET /example/$delete\n" + Host + Date, Plain, "a853c9b21b528b19643d00910d35b83a10c366a10833ceefb45edd6c80e40f27" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_PublishedVector_ProducesAwsAuthorization(string name, string raw, string signedHeaders, string signature)
    {
        SigV4Request request = TestRequests.Parse(raw);

        string authorization = SigV4Signer.Sign(request, TestRequests.SuiteCredential, "us-east-1", "service", TestRequests.SuiteTime);

        Assert.True(
            authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
                $"SignedHeaders={signedHeaders}, Signature={signature}",
            $"{name}: got {authorization}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_PublishedVector_Accepts(string name, string raw, string signedHeaders, string signature)
    {
        SigV4Request request = TestRequests.Parse(raw).With(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}");
        var verifier = new SigV4Verifier(
            new FakeCredentialSource(TestRequests.SuiteCredential), new FakeTimeProvider(TestRequests.SuiteTime), new SigV4Options());

        AuthenticatedPrincipal principal = verifier.Verify(request);

        Assert.True(
            principal == new AuthenticatedPrincipal(TestRequests.SuiteCredential, "us-east-1", "service", TestRequests.SuiteTime),
            $"{name}: got {principal}");
    }

    [Theory]
    [InlineData("get-vanilla-query-order-encoded", "GET /?Param-3=Value3&Param=Value2&%E1%88%B4=Value1", "GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\n")]
    [InlineData("get-vanilla-utf8-query", "GET /?ሴ=bar", "GET\n/\n%E1%88%B4=bar\n")]
    [InlineData("get-utf8", "GET /ሴ", "GET\n/%E1%88%B4\n\n")]
    [InlineData("normalize-path/get-slashes", "GET //example//", "GET\n/example/\n\n")]
    public void CanonicalRequest_PublishedVector_MatchesSuite(string name, string requestLine, string expectedStart)
    {
        SigV4Request request = TestRequests.Parse(requestLine + "\n" + Host + Date);

        string canonical = SigV4Canonical.CanonicalRequest(request, presigned: false, Plain, SigV4Canonical.EmptyPayloadHash);

        Assert.True(
            canonical == expectedStart + "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + SigV4Canonical.EmptyPayloadHash,
            $"{name}: got {canonical}");
    }
}
