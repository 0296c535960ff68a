using Berth.ControlPlane.Docs;

namespace Berth.ControlPlane.Tests.Docs;

public sealed class CompatibilityDocTests
{
    [Fact]
    public async Task CompatibilityPage_MatchesDispatchTable()
    {
        var page = Path.Combine(RepositoryRoot(), "docs", "compatibility.md");
        var expected = await CompatibilityReport.RenderAsync();

        Assert.True(
            File.Exists(page) && await File.ReadAllTextAsync(page) == expected,
            "docs/compatibility.md is out of date with the dispatch table: run ./berth compatibility > docs/compatibility.md");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Berth.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Berth.slnx above {AppContext.BaseDirectory}.");
    }
}
