using Berth.Aws.Auth;

namespace Berth.Aws.Tests.Auth;

/// <summary>Canonicalisation details beyond the published vectors, each as botocore signs them for non-S3 services.</summary>
public sealed class SigV4CanonicalTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/my%20cluster", "/my%2520cluster")]
    [InlineData("/a/b%2Fc", "/a/b%252Fc")]
    [InlineData("/a/../../b/./c//", "/b/c/")]
    [InlineData("/services/web:1", "/services/web%3A1")]
    [InlineData("/x+y", "/x%2By")]
    public void CanonicalUri_WirePath_IsNormalisedAndEncodedAgain(string path, string expected)
    {
        Assert.Equal(expected, Line(Canonical(path: path), 1));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("a=2&a=10&a=1", "a=1&a=10&a=2")]
    [InlineData("flag&a=1", "a=1&flag=")]
    [InlineData("a=&&b", "a=&b=")]
    [InlineData("t=%7e&u=~&v=%7E", "t=~&u=~&v=~")]
    [InlineData("s=a b&p=a+b&q=a%2bb", "p=a%2Bb&q=a%2Bb&s=a%20b")]
    [InlineData("k=%zz", "k=%25zz")]
    [InlineData("Z=1&a=1&_=1", "Z=1&_=1&a=1")]
    public void CanonicalQuery_RawQuery_IsDecodedReEncodedAndSorted(string query, string expected)
    {
        Assert.Equal(expected, Line(Canonical(query: query), 2));
    }

    [Fact]
    public void CanonicalQuery_Presigned_LeavesOutOnlyTheSignature()
    {
        const string query = "X-Amz-Signature=abc&X-Amz-Date=20261121T120000Z&a=1";

        Assert.Equal("X-Amz-Date=20261121T120000Z&a=1", Line(Canonical(query: query, presigned: true), 2));
        Assert.Equal("X-Amz-Date=20261121T120000Z&X-Amz-Signature=abc&a=1", Line(Canonical(query: query), 2));
    }

    [Fact]
    public void CanonicalHeaders_SignedHeaderMissingFromRequest_SignsAsEmpty()
    {
        string canonical = Canonical(signedHeaders: "host;x-absent");

        Assert.Contains("\nhost:example.com\nx-absent:\n\nhost;x-absent\n", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalRequest_LowercaseMethod_IsUppercased()
    {
        Assert.Equal("POST", Line(Canonical(method: "post"), 0));
    }

    private static string Canonical(string method = "GET", string path = "/", string query = "", bool presigned = false, string signedHeaders = "host") =>
        SigV4Canonical.CanonicalRequest(
            new SigV4Request(method, path, query, [new("Host", "example.com")], ReadOnlyMemory<byte>.Empty),
            presigned,
            signedHeaders,
            SigV4Canonical.EmptyPayloadHash);

    private static string Line(string canonical, int index) => canonical.Split('\n')[index];
}
