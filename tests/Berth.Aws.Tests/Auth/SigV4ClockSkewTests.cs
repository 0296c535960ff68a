using Berth.Aws.Auth;
using Berth.Aws.Protocol;

namespace Berth.Aws.Tests.Auth;

public sealed class SigV4ClockSkewTests
{
    private static readonly Credential Alice =
        new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "111122223333", "arn:aws:iam::111122223333:user/alice");

    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Signing time relative to the server clock, in seconds; AWS accepts up to 15 minutes either way, inclusive.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-900)]
    [InlineData(900)]
    [InlineData(-60)]
    public void Verify_SignedWithinSkew_Accepts(int offsetSeconds)
    {
        DateTimeOffset signedAt = Now.AddSeconds(offsetSeconds);

        AuthenticatedPrincipal principal = Verifier(Now).Verify(TestRequests.SignedEcsPost(Alice, signedAt));

        Assert.Equal(signedAt, principal.SignedAt);
    }

    [Fact]
    public void Verify_SignedOneSecondTooLongAgo_ThrowsSignatureExpired()
    {
        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(TestRequests.SignedEcsPost(Alice, Now.AddSeconds(-901))));

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Equal("Signature expired: 20261121T114459Z is now earlier than 20261121T114500Z (20261121T120000Z - 15 min.)", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Verify_SignedOneSecondTooFarAhead_ThrowsSignatureNotYetCurrent()
    {
        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(TestRequests.SignedEcsPost(Alice, Now.AddSeconds(901))));

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Equal("Signature not yet current: 20261121T121501Z is still later than 20261121T121500Z (20261121T120000Z + 15 min.)", error.Message);
    }

    [Fact]
    public void Verify_SignedAnHourAgo_UsesAwsWording()
    {
        AwsException error = Assert.Throws<AwsException>(() =>
            Verifier(Now.AddHours(1)).Verify(TestRequests.SignedEcsPost(Alice, Now)));

        Assert.Equal("Signature expired: 20261121T120000Z is now earlier than 20261121T124500Z (20261121T130000Z - 15 min.)", error.Message);
    }

    [Fact]
    public void Verify_SignedAnHourAhead_UsesAwsWording()
    {
        AwsException error = Assert.Throws<AwsException>(() =>
            Verifier(Now).Verify(TestRequests.SignedEcsPost(Alice, Now.AddHours(1))));

        Assert.Equal("Signature not yet current: 20261121T130000Z is still later than 20261121T121500Z (20261121T120000Z + 15 min.)", error.Message);
    }

    [Fact]
    public void Verify_ConfiguredSkew_IsTheWindowAndIsNamedInTheMessage()
    {
        var options = new SigV4Options { AllowedClockSkew = TimeSpan.FromMinutes(5) };
        var verifier = new SigV4Verifier(new FakeCredentialSource(Alice), new FakeTimeProvider(Now), options);
        verifier.Verify(TestRequests.SignedEcsPost(Alice, Now.AddMinutes(-5)));

        AwsException error = Assert.Throws<AwsException>(() => verifier.Verify(TestRequests.SignedEcsPost(Alice, Now.AddMinutes(-6))));

        Assert.Equal("Signature expired: 20261121T115400Z is now earlier than 20261121T115500Z (20261121T120000Z - 5 min.)", error.Message);
    }

    [Fact]
    public void Verify_ClockBetweenSeconds_ComparesAtFullPrecision()
    {
        // The server clock is half a second past the inclusive boundary, so the request is just too old.
        DateTimeOffset now = Now.AddMilliseconds(500);

        AwsException error = Assert.Throws<AwsException>(() =>
            Verifier(now).Verify(TestRequests.SignedEcsPost(Alice, Now.AddSeconds(-900))));

        Assert.StartsWith("Signature expired: 20261121T114500Z", error.Message, StringComparison.Ordinal);
    }

    private static SigV4Verifier Verifier(DateTimeOffset now) =>
        new(new FakeCredentialSource(Alice), new FakeTimeProvider(now), new SigV4Options());
}
