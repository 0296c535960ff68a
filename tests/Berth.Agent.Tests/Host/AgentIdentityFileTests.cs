using Berth.Agent.Host;

namespace Berth.Agent.Tests.Host;

/// <summary>The identity file survives restarts, stays private and never exists half-written.</summary>
public sealed class AgentIdentityFileTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "berth-identity-" + Guid.NewGuid().ToString("N"));

    private static readonly AgentIdentity Identity = new("default", "arn:aws:ecs:us-east-1:000000000000:container-instance/default/i1", "AKIDINSTANCE", "secret");

    [Fact]
    public void SavedIdentityLoadsBack()
    {
        var file = new AgentIdentityFile(dir);
        file.Save(Identity);

        Assert.Equal(Identity, new AgentIdentityFile(dir).Load());
    }

    [Fact]
    public void FileIsReadableByOwnerOnly()
    {
        var file = new AgentIdentityFile(dir);
        file.Save(Identity);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
    }

    [Fact]
    public void MissingOrCorruptFileLoadsAsNull()
    {
        var file = new AgentIdentityFile(dir);
        Assert.Null(file.Load());

        Directory.CreateDirectory(dir);
        File.WriteAllText(file.Path, "{ not json");
        Assert.Null(file.Load());
    }

    [Fact]
    public void SaveReplacesTheFileAndLeavesNoTemporary()
    {
        var file = new AgentIdentityFile(dir);
        file.Save(Identity);
        var second = Identity with { AccessKeyId = "AKIDSECOND" };
        file.Save(second);

        Assert.Equal(second, file.Load());
        Assert.Equal([AgentIdentityFile.FileName], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
