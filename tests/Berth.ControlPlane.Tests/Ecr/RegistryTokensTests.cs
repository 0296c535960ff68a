using Berth.ControlPlane.Ecr.Auth;
using Berth.Domain;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Registry passwords: verified without state, bound to their scope, refused once 12 hours have passed or when altered.</summary>
public sealed class RegistryTokensTests
{
    private static readonly ResourceScope Scope = new("123456789012", "eu-west-1");
    private readonly FixedTimeProvider time = new(EcrHarness.Start);
    private readonly byte[] key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Verify_FreshPassword_GivesItsScope()
    {
        var tokens = new RegistryTokens(key, time);
        var (password, expiresAt) = tokens.Issue(Scope);

        Assert.Equal(Scope, tokens.Verify(password));
        Assert.Equal(EcrHarness.Start + TimeSpan.FromHours(12), expiresAt);
    }

    [Fact]
    public void Verify_AtExpiry_IsRefused()
    {
        var tokens = new RegistryTokens(key, time);
        var (password, _) = tokens.Issue(Scope);

        time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.NotNull(tokens.Verify(password));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(tokens.Verify(password));
    }

    [Fact]
    public void Verify_AlteredScopeOrExpiry_IsRefused()
    {
        var tokens = new RegistryTokens(key, time);
        var (password, _) = tokens.Issue(Scope);
        var parts = password.Split('.');

        Assert.Null(tokens.Verify(string.Join('.', parts[0], "999999999999", parts[2], parts[3], parts[4])));
        Assert.Null(tokens.Verify(string.Join('.', parts[0], parts[1], parts[2], "99999999999", parts[4])));
    }

    [Fact]
    public void Verify_PasswordOfAnotherKey_IsRefused()
    {
        var (password, _) = new RegistryTokens(new byte[32], time).Issue(Scope);

        Assert.Null(new RegistryTokens(key, time).Verify(password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("b1.1.2.3")]
    [InlineData("b1.123456789012.us-east-1.notanumber.sig")]
    public void Verify_Malformed_IsRefused(string password) => Assert.Null(new RegistryTokens(key, time).Verify(password));

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
}
