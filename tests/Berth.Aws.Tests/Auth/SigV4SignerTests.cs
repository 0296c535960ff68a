using Berth.Aws.Auth;

namespace Berth.Aws.Tests.Auth;

/// <summary>The signer refuses requests it would sign differently from how they are sent.</summary>
public sealed class SigV4SignerTests
{
    private static readonly Credential Alice =
        new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "111122223333", "arn:aws:iam::111122223333:user/alice");

    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("X-Amz-Date", "20261121T120001Z")]
    [InlineData("Date", "Sat, 21 Nov 2026 12:00:01 GMT")]
    public void Sign_DateHeaderIsNotTheSigningTime_Throws(string header, string value)
    {
        SigV4Request request = TestRequests.EcsPost(Now).Without("X-Amz-Date").With(header, value);

        Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(request, Alice, "us-east-1", "ecs", Now));
    }

    [Fact]
    public void Sign_NoHostHeader_Throws()
    {
        Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(TestRequests.EcsPost(Now).Without("Host"), Alice, "us-east-1", "ecs", Now));
    }

    [Fact]
    public void FormatAmzDate_Time_IsIsoBasicUtc()
    {
        Assert.Equal("20261121T120000Z", SigV4Signer.FormatAmzDate(new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.FromHours(1))));
    }
}
