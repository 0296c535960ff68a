using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Pagination;

namespace Berth.ControlPlane.Tests.Pagination;

public sealed class NextTokenTests
{
    [Theory]
    [InlineData("web#0000000001")]
    [InlineData("a")]
    [InlineData("arn:aws:iam::123456789012:user/alice|containerInsights")]
    [InlineData("ünïcödé/キー")]
    [InlineData("v1|nested")]
    public void Decode_EncodedKey_IsTheKey(string key)
    {
        var token = NextToken.Encode(key);

        Assert.NotNull(token);
        Assert.DoesNotContain(key, token, StringComparison.Ordinal);
        Assert.Equal(key, NextToken.Decode(token, EcsErrors.InvalidNextToken));
    }

    [Fact]
    public void Encode_NoKey_IsNoToken() => Assert.Null(NextToken.Encode(null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Decode_NoToken_IsNoKey(string? token) => Assert.Null(NextToken.Decode(token, EcsErrors.InvalidNextToken));

    [Theory]
    [InlineData("!!!")]
    [InlineData("not a token")]
    [InlineData("bm9wZQ")] // "nope": valid base64url, but not a token of ours
    [InlineData("djF8")] // "v1|" with no key
    [InlineData("dj")]
    public void Decode_TokenBerthNeverIssued_ThrowsTheServiceError(string token)
    {
        var error = Assert.Throws<AwsException>(() => NextToken.Decode(token, EcsErrors.InvalidNextToken));

        Assert.Equal(("InvalidParameterException", "Invalid nextToken."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData(null, 100, 100)]
    [InlineData(1, 100, 1)]
    [InlineData(100, 100, 100)]
    [InlineData(null, 10, 10)]
    [InlineData(10, 10, 10)]
    public void PageSize_WithinBounds_IsTheSizeOrTheDefault(int? maxResults, int max, int expected) =>
        Assert.Equal(expected, NextToken.PageSize(maxResults, max, EcsErrors.MaxResults));

    [Theory]
    [InlineData(0, 100)]
    [InlineData(-1, 100)]
    [InlineData(101, 100)]
    [InlineData(11, 10)]
    [InlineData(int.MinValue, 100)]
    public void PageSize_OutOfBounds_ThrowsTheServiceError(int maxResults, int max)
    {
        var error = Assert.Throws<AwsException>(() => NextToken.PageSize(maxResults, max, EcsErrors.MaxResults));

        Assert.Equal(("InvalidParameterException", $"maxResults must be between 1 and {max}."), (error.Code, error.Message));
    }
}
