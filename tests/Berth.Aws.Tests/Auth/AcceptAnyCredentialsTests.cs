using Berth.Aws.Auth;
using Berth.Aws.Protocol;

namespace Berth.Aws.Tests.Auth;

/// <summary>Development mode: any configured AWS CLI works, as against moto or LocalStack.</summary>
public sealed class AcceptAnyCredentialsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeCredentialSource _credentials = new();

    [Fact]
    public void Verify_UnknownKeyAndWrongSignature_AcceptsAsDefaultAccountRoot()
    {
        var stranger = new Credential("AKIASTRANGER0000000X", "whatever", "", "");
        SigV4Request request = TestRequests.SignedEcsPost(stranger, Now) with { Body = "{}"u8.ToArray() };

        AuthenticatedPrincipal principal = Verifier(Now).Verify(request);

        Assert.Equal(
            new AuthenticatedPrincipal(
                new Credential("AKIASTRANGER0000000X", "", "000000000000", "arn:aws:iam::000000000000:root"), "us-east-1", "ecs", Now),
            principal);
        Assert.Empty(_credentials.Lookups);
    }

    [Fact]
    public void Verify_TwelveDigitAccessKey_IsTheAccount()
    {
        var account = new Credential("123456789012", "test", "", "");

        AuthenticatedPrincipal principal = Verifier(Now).Verify(TestRequests.SignedEcsPost(account, Now));

        Assert.Equal(("123456789012", "arn:aws:iam::123456789012:root"), (principal.Credential.AccountId, principal.Credential.PrincipalArn));
    }

    [Fact]
    public void Verify_ConfiguredDefaultAccount_IsUsed()
    {
        var verifier = new SigV4Verifier(_credentials, new FakeTimeProvider(Now), new SigV4Options { AcceptAnyCredentials = true, DefaultAccountId = "999988887777" });

        AuthenticatedPrincipal principal = verifier.Verify(TestRequests.SignedEcsPost(new Credential("test", "test", "", ""), Now));

        Assert.Equal("999988887777", principal.Credential.AccountId);
    }

    [Fact]
    public void Verify_StaleClock_IsNotChecked()
    {
        AuthenticatedPrincipal principal = Verifier(Now.AddDays(3)).Verify(TestRequests.SignedEcsPost(new Credential("test", "test", "", ""), Now));

        Assert.Equal(Now, principal.SignedAt);
    }

    [Fact]
    public void Verify_Presigned_ReadsScopeFromQuery()
    {
        SigV4Request request = new("GET", "/", "", [new("Host", "localhost")], ReadOnlyMemory<byte>.Empty);
        request = request with { Query = SigV4Signer.Presign(request, new Credential("test", "test", "", ""), "eu-central-1", "ecs", Now, TimeSpan.FromMinutes(1)) };

        AuthenticatedPrincipal principal = Verifier(Now).Verify(request);

        Assert.Equal(("test", "eu-central-1", "ecs"), (principal.Credential.AccessKeyId, principal.Region, principal.Service));
    }

    [Fact]
    public void Verify_NoAuthentication_StillThrowsMissingAuthenticationToken()
    {
        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(TestRequests.EcsPost(Now)));

        Assert.Equal("MissingAuthenticationTokenException", error.Code);
    }

    [Fact]
    public void Verify_MalformedAuthorization_StillThrowsIncompleteSignature()
    {
        SigV4Request request = TestRequests.EcsPost(Now).With("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261121/us-east-1/ecs/aws4_request");

        AwsException error = Assert.Throws<AwsException>(() => Verifier(Now).Verify(request));

        Assert.Equal("IncompleteSignatureException", error.Code);
    }

    private SigV4Verifier Verifier(DateTimeOffset now) =>
        new(_credentials, new FakeTimeProvider(now), new SigV4Options { AcceptAnyCredentials = true });
}
