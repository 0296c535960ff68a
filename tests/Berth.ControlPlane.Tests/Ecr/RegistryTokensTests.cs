using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Auth;
using Berth.Domain;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Registry passwords and presigned layer URLs: verified without state, bound to what they name, refused once their
/// lifetime has passed or when altered.</summary>
public sealed class RegistryTokensTests
{
    private const string Alice = "arn:aws:iam::123456789012:user/alice.smith";
    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000001";
    private static readonly ResourceScope Scope = new("123456789012", "eu-west-1");
    private readonly FixedTimeProvider time = new(EcrHarness.Start);
    private readonly byte[] key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Verify_FreshPassword_GivesItsScopeAndPrincipal()
    {
        var tokens = new RegistryTokens(key, time);
        var (password, expiresAt) = tokens.Issue(Scope, Alice);

        Assert.Equal(new RegistryGrant(Scope, Alice), tokens.Verify(password));
        Assert.Equal(EcrHarness.Start + TimeSpan.FromHours(12), expiresAt);
    }

    [Fact]
    public void Verify_AtExpiry_IsRefused()
    {
        var tokens = new RegistryTokens(key, time);
        var (password, _) = tokens.Issue(Scope, Alice);

        time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.NotNull(tokens.Verify(password));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(tokens.Verify(password));
    }

    [Theory]
    [InlineData(1, "999999999999")]
    [InlineData(3, "99999999999")]
    [InlineData(4, "YXJuOmF3czppYW06OjEyMzQ1Njc4OTAxMjpyb290")]
    public void Verify_AlteredScopeExpiryOrPrincipal_IsRefused(int part, string value)
    {
        var tokens = new RegistryTokens(key, time);
        var parts = tokens.Issue(Scope, Alice).Password.Split('.');
        parts[part] = value;

        Assert.Null(tokens.Verify(string.Join('.', parts)));
    }

    [Fact]
    public void Verify_PasswordOfAnotherKey_IsRefused()
    {
        var (password, _) = new RegistryTokens(new byte[32], time).Issue(Scope, Alice);

        Assert.Null(new RegistryTokens(key, time).Verify(password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("b1.1.2.3")]
    [InlineData("b2.123456789012.us-east-1.notanumber.cHJpbmNpcGFs.sig")]
    public void Verify_Malformed_IsRefused(string password) => Assert.Null(new RegistryTokens(key, time).Verify(password));

    [Fact]
    public void VerifyLayer_ForTheLayerItWasSignedFor_GivesTheScopeForAnHour()
    {
        var tokens = new RegistryTokens(key, time);
        var url = tokens.PresignLayer(Scope, "team/web", Digest);

        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(Scope, tokens.VerifyLayer(url, "team/web", Digest));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("expired", Denied(() => tokens.VerifyLayer(url, "team/web", Digest)), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyLayer_AnotherLayerOrAlteredFields_IsRefused()
    {
        var tokens = new RegistryTokens(key, time);
        var url = tokens.PresignLayer(Scope, "web", Digest);
        var later = (long.Parse(url.Expires, System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.All(
            [
                () => tokens.VerifyLayer(url, "api", Digest),
                () => tokens.VerifyLayer(url, "web", Digest[..^1] + "2"),
                () => tokens.VerifyLayer(url with { Account = "999999999999" }, "web", Digest),
                () => tokens.VerifyLayer(url with { Expires = later }, "web", Digest),
                () => tokens.VerifyLayer(url with { Signature = url.Signature[..^1] }, "web", Digest),
                () => new RegistryTokens(new byte[32], time).VerifyLayer(url, "web", Digest),
            ],
            (Func<ResourceScope> verify) => Assert.Contains("does not match", Denied(verify), StringComparison.Ordinal));
    }

    [Fact]
    public void VerifyLayer_FieldsShiftedAcrossTheirBoundaries_IsRefused()
    {
        var tokens = new RegistryTokens(key, time);
        var url = tokens.PresignLayer(Scope with { Region = "eu-west-1.9999999999" }, "web", Digest);

        Assert.Contains("does not match", Denied(() => tokens.VerifyLayer(url with { Region = "eu-west-1", Expires = "9999999999" }, $"{url.Expires}.web", Digest)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrCreate_SecondStart_ReadsTheSameOwnerOnlyKey()
    {
        var dir = Path.Combine(Path.GetTempPath(), "berth-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = RegistryTokenKey.LoadOrCreate(dir);

            Assert.Equal(first, RegistryTokenKey.LoadOrCreate(dir));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, RegistryTokenKey.FileName)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The message of the DENIED refusal <paramref name="verify"/> throws.</summary>
    private static string Denied(Func<ResourceScope> verify)
    {
        var error = Assert.Throws<RegistryException>(() => verify());
        Assert.Equal(RegistryError.Denied, error.Error);
        return error.Message;
    }
}
