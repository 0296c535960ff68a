using Berth.LoadBalancing.Haproxy;

namespace Berth.LoadBalancing.Tests.Haproxy;

public sealed class ElbWildcardTests
{
    [Theory]
    [InlineData("/api/*", "^/api/.*$")]
    [InlineData("/a?c", "^/a.c$")]
    [InlineData("/x.y", @"^/x\x2ey$")]
    [InlineData("/a+b(c)|[d]^$", @"^/a\x2bb\x28c\x29\x7c\x5bd\x5d\x5e\x24$")]
    [InlineData("it's a #tag", @"^it\x27s\x20a\x20\x23tag$")]
    [InlineData(@"back\slash", @"^back\x5cslash$")]
    [InlineData("/café", @"^/caf\xc3\xa9$")]
    [InlineData("*.example.com", @"^.*\x2eexample\x2ecom$")]
    public void Anchored_EscapesEverythingButWildcards(string pattern, string expected) =>
        Assert.Equal(expected, ElbWildcard.Anchored(pattern));

    [Fact]
    public void ToRegex_UsesTheGivenWildcardsForQueryStrings() =>
        Assert.Equal("a[^&]*b[^&]", ElbWildcard.ToRegex("a*b?", "[^&]*", "[^&]"));
}
